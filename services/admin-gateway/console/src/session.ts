import { useQuery } from '@tanstack/react-query';
import { api } from './api/client.js';

/** Who is logged in; null when the cookie is missing, forged or expired. */
export function useSession() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const { data, response } = await api.GET('/api/auth/me');
      if (response.status === 401) return null;
      if (!data) throw new Error(`session check failed: ${response.status}`);
      return data;
    },
    staleTime: 60_000,
  });
}

export type Session = NonNullable<ReturnType<typeof useSession>['data']>;
