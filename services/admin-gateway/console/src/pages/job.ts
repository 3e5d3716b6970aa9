import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client.js';

/** Polls a 202's statusUrl until the job completed or failed. */
export function useJobResult(statusUrl: string | null) {
  const [, , queue, jobId] = (statusUrl ?? '').split('/').filter(Boolean);
  return useQuery({
    queryKey: ['job', statusUrl],
    enabled: statusUrl !== null,
    queryFn: () => must(api.GET('/api/jobs/{queue}/{jobId}', { params: { path: { queue: queue as 'device-sync', jobId: decodeURIComponent(jobId ?? '') } } })),
    refetchInterval: (q) => (q.state.data && ['completed', 'failed'].includes(q.state.data.state) ? false : 1_000),
  });
}
