/**
 * ZK protocol command and reply codes used by node-zklib 1.3.0 over TCP
 * (its constants.js) and answered by our emulator.
 */
export const Cmd = {
  CONNECT: 1000,
  EXIT: 1001,
  ENABLE_DEVICE: 1002,
  DISABLE_DEVICE: 1003,
  REFRESH_DATA: 1013,
  PREPARE_DATA: 1500,
  DATA: 1501,
  FREE_DATA: 1502,
  DATA_WRRQ: 1503,
  DATA_RDY: 1504,
  USER_WRQ: 8,
  DB_RRQ: 7,
  /** Reads one option by name, e.g. `~SerialNumber`; the reply is `name=value\0`. */
  OPTIONS_RRQ: 11,
  SSR_USERTEMP_WRQ: 132,
  USERTEMP_RRQ: 9,
  ATTLOG_RRQ: 13,
  CLEAR_ATTLOG: 15,
  DELETE_USER: 18,
  GET_FREE_SIZES: 50,
  REG_EVENT: 500,
  /** Firmware version string, e.g. `Ver 6.60 Apr 28 2016`. */
  GET_VERSION: 1100,
  AUTH: 1102,
  ACK_OK: 2000,
  ACK_ERROR: 2001,
  ACK_UNAUTH: 2005,
  ACK_UNKNOWN: 65535,
} as const;

/** Event code carried in the session field of a real-time packet (attendance). */
export const EF_ATTLOG = 1;

/** node-zklib's chunk size for bulk reads over TCP (0xFFC0). */
export const MAX_CHUNK = 65_472;
