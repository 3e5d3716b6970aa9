// Generated from the admin-gateway OpenAPI document by `pnpm --filter @platform/admin-gateway gen:api`. Do not edit.
export interface paths {
    "/api/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange username and password for a token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                            /** Format: date-time */
                            expiresAt: string;
                            /** @enum {string} */
                            role: "admin" | "viewer";
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the token belongs to (the console asks on load; a 401 sends it to the login page) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adminId: string;
                            username: string;
                            /** @enum {string} */
                            role: "admin" | "viewer";
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clear the token cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List devices with their health */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                name: string;
                                host: string;
                                port: number;
                                timezone: string;
                                enabled: boolean;
                                pollIntervalSeconds: number;
                                commKeySet: boolean;
                                health: {
                                    /** @enum {string} */
                                    status: "ok" | "degraded" | "unreachable" | "authentication_failed" | "unknown";
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                     */
                                    lastContactAt: string | null;
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                     */
                                    lastSuccessAt: string | null;
                                    consecutiveFailures: number;
                                    /** @enum {string|null} */
                                    breakerState: "closed" | "open" | "half_open" | null;
                                    userCount: number | null;
                                    logCount: number | null;
                                    lastError: string | null;
                                };
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a device
         * @description The comm key is write-only: responses say only `commKeySet`. device-poller schedules an enabled device at its next reconcile.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        host: string;
                        /** @default 4370 */
                        port?: number;
                        /** @default UTC */
                        timezone?: string;
                        /** @description Write-only; the API reports only whether one is set (commKeySet) */
                        commKey?: number;
                        /** @default 300 */
                        pollIntervalSeconds?: number;
                        /** @default true */
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            host: string;
                            port: number;
                            timezone: string;
                            enabled: boolean;
                            pollIntervalSeconds: number;
                            commKeySet: boolean;
                            health: {
                                /** @enum {string} */
                                status: "ok" | "degraded" | "unreachable" | "authentication_failed" | "unknown";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastContactAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSuccessAt: string | null;
                                consecutiveFailures: number;
                                /** @enum {string|null} */
                                breakerState: "closed" | "open" | "half_open" | null;
                                userCount: number | null;
                                logCount: number | null;
                                lastError: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices/{deviceId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync one device now (joins a sync already waiting) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deviceId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                            jobId: string;
                            /** @description GET it for state, progress and result */
                            statusUrl: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices/{deviceId}/users/{deviceUserId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a user from a device (admin only; carried out by the device poller)
         * @description The only path that removes a device user (seed 000 Property 5). Enqueues a delete-user device command with the admin identity and records it in both audit logs; sync never deletes.
         */
        delete: {
            parameters: {
                query: {
                    /** @description Why the user is deleted; kept in the audit log */
                    reason: string;
                };
                header?: never;
                path: {
                    deviceId: number;
                    deviceUserId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                            jobId: string;
                            /** @description GET it for state, progress and result */
                            statusUrl: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices/{deviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One device with its health */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deviceId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            host: string;
                            port: number;
                            timezone: string;
                            enabled: boolean;
                            pollIntervalSeconds: number;
                            commKeySet: boolean;
                            health: {
                                /** @enum {string} */
                                status: "ok" | "degraded" | "unreachable" | "authentication_failed" | "unknown";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastContactAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSuccessAt: string | null;
                                consecutiveFailures: number;
                                /** @enum {string|null} */
                                breakerState: "closed" | "open" | "half_open" | null;
                                userCount: number | null;
                                logCount: number | null;
                                lastError: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a device (only the fields sent) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deviceId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        host?: string;
                        port?: number;
                        timezone?: string;
                        /** @description Write-only; null removes the stored key */
                        commKey?: number | null;
                        pollIntervalSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            host: string;
                            port: number;
                            timezone: string;
                            enabled: boolean;
                            pollIntervalSeconds: number;
                            commKeySet: boolean;
                            health: {
                                /** @enum {string} */
                                status: "ok" | "degraded" | "unreachable" | "authentication_failed" | "unknown";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastContactAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSuccessAt: string | null;
                                consecutiveFailures: number;
                                /** @enum {string|null} */
                                breakerState: "closed" | "open" | "half_open" | null;
                                userCount: number | null;
                                logCount: number | null;
                                lastError: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/devices/{deviceId}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a device (polled again from the next schedule reconcile) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deviceId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            host: string;
                            port: number;
                            timezone: string;
                            enabled: boolean;
                            pollIntervalSeconds: number;
                            commKeySet: boolean;
                            health: {
                                /** @enum {string} */
                                status: "ok" | "degraded" | "unreachable" | "authentication_failed" | "unknown";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastContactAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSuccessAt: string | null;
                                consecutiveFailures: number;
                                /** @enum {string|null} */
                                breakerState: "closed" | "open" | "half_open" | null;
                                userCount: number | null;
                                logCount: number | null;
                                lastError: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices/{deviceId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable a device (kept with its history, never contacted by polling) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deviceId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            host: string;
                            port: number;
                            timezone: string;
                            enabled: boolean;
                            pollIntervalSeconds: number;
                            commKeySet: boolean;
                            health: {
                                /** @enum {string} */
                                status: "ok" | "degraded" | "unreachable" | "authentication_failed" | "unknown";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastContactAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSuccessAt: string | null;
                                consecutiveFailures: number;
                                /** @enum {string|null} */
                                breakerState: "closed" | "open" | "half_open" | null;
                                userCount: number | null;
                                logCount: number | null;
                                lastError: string | null;
                            };
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/devices/{deviceId}/test-connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask the device who it is (carried out by device-poller)
         * @description Enqueues a read-only probe; the job result (GET statusUrl) is `{ ok: true, userCount, logCount, logCapacity }` or `{ ok: false, error: { type, message } }` with the typed device error (DeviceUnreachableError, DeviceTimeoutError, ...). Works on a disabled device, so one can be checked before it is enabled.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deviceId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                            jobId: string;
                            /** @description GET it for state, progress and result */
                            statusUrl: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff ordered by id (search by name, employee code or card) */
        get: {
            parameters: {
                query?: {
                    q?: string;
                    active?: "true" | "false";
                    /** @description nextCursor of the previous page */
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                fullName: string;
                                employeeCode: string | null;
                                cardNumber: string | null;
                                active: boolean;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                updatedAt: string;
                            }[];
                            nextCursor: number | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a staff member */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fullName: string;
                        employeeCode?: string;
                        cardNumber?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            fullName: string;
                            employeeCode: string | null;
                            cardNumber: string | null;
                            active: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{staffId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a staff member (only the fields sent) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    staffId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fullName?: string;
                        employeeCode?: string | null;
                        cardNumber?: string | null;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            fullName: string;
                            employeeCode: string | null;
                            cardNumber: string | null;
                            active: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/staff/{staffId}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deactivate a staff member (kept, with mappings and history; reactivate with PATCH active=true) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    staffId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            fullName: string;
                            employeeCode: string | null;
                            cardNumber: string | null;
                            active: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            updatedAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import staff from CSV: dry run (default) reports each row; the real run applies every valid row in one transaction
         * @description Rows are keyed by employee_code: a new code is created, a known one updated (an absent card_number/active column keeps the stored value, an empty cell clears the card). Refused rows carry the reason per field and are not applied; the real run applies the other rows together. A wrong header refuses the whole file (422).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description CSV text; header: employee_code,full_name[,card_number][,active] */
                        csv: string;
                        /**
                         * @description true (default): report only; false: apply every valid row in one transaction
                         * @default true
                         */
                        dryRun?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            summary: {
                                create: number;
                                update: number;
                                unchanged: number;
                                refuse: number;
                            };
                            rows: {
                                line: number;
                                employeeCode: string;
                                /** @enum {string} */
                                action: "create" | "update" | "unchanged" | "refuse";
                                staffId: number | null;
                                changed: string[];
                                errors: {
                                    field: string;
                                    message: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/buffer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List buffered device users in id order (filter by status, device, discovery time)
         * @description Pages by offset (with a total) or, with `after`, by keyset: constant cost at any depth, no total.
         */
        get: {
            parameters: {
                query?: {
                    status?: "unmapped" | "mapped" | "conflict" | "ignored";
                    deviceId?: number;
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    from?: string;
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    to?: string;
                    limit?: number;
                    offset?: number;
                    /** @description nextCursor of the previous page; offset is then ignored */
                    after?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                deviceId: number;
                                deviceUserId: string;
                                uid: number;
                                name: string | null;
                                cardNumber: string | null;
                                privilege: number | null;
                                groupId: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                discoveredAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSeenAt: string;
                                /** @enum {string} */
                                mappingStatus: "unmapped" | "mapped" | "conflict" | "ignored";
                                mappedToPersonId: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                mappedAt: string | null;
                                notes: string | null;
                            }[];
                            /** @description null when paging by `after` (not counted) */
                            total: number | null;
                            limit: number;
                            offset: number;
                            /** @description pass as `after` for the next page; null on the last page */
                            nextCursor: number | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/buffer/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Buffered device users per mapping status (seed 000 getStatistics), all devices or one */
        get: {
            parameters: {
                query?: {
                    deviceId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description every buffered device user; the sum of the four statuses */
                            total: number;
                            unmapped: number;
                            mapped: number;
                            conflict: number;
                            ignored: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/buffer/{id}/map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Map a buffered device user to a staff member */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description attendance.staff id */
                        personId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            deviceId: number;
                            deviceUserId: string;
                            uid: number;
                            name: string | null;
                            cardNumber: string | null;
                            privilege: number | null;
                            groupId: number | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            discoveredAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            lastSeenAt: string;
                            /** @enum {string} */
                            mappingStatus: "unmapped" | "mapped" | "conflict" | "ignored";
                            mappedToPersonId: number | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            mappedAt: string | null;
                            notes: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List conflicts (unresolved unless resolved=true) */
        get: {
            parameters: {
                query?: {
                    resolved?: "true" | "false";
                    deviceId?: number;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                deviceId: number;
                                deviceUserId: string;
                                conflictType: string;
                                deviceData: {
                                    [key: string]: unknown;
                                };
                                databaseData: {
                                    [key: string]: unknown;
                                } | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                detectedAt: string;
                                resolved: boolean;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                resolvedAt: string | null;
                                resolvedBy: string | null;
                                /** @enum {string|null} */
                                resolutionStrategy: "use_device" | "use_database" | "merge" | null;
                                resolutionNotes: string | null;
                            }[];
                            total: number;
                            limit: number;
                            offset: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/conflicts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a conflict: use_device, use_database or merge
         * @description The database side (staff row) is updated in one transaction with the resolution and its audit rows. When the device must change (use_database, merge), a write-user device command is enqueued and the answer is 202 with its status URL; use_device answers 200.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        strategy: "use_device";
                        /** @description Why; kept on the conflict and in the audit log */
                        notes?: string;
                    } | {
                        /** @enum {string} */
                        strategy: "use_database";
                        /** @description Why; kept on the conflict and in the audit log */
                        notes?: string;
                    } | {
                        /** @enum {string} */
                        strategy: "merge";
                        /** @description Why; kept on the conflict and in the audit log */
                        notes?: string;
                        fields: {
                            /** @enum {string} */
                            name: "device" | "database";
                            /** @enum {string} */
                            cardNumber: "device" | "database";
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conflict: {
                                id: number;
                                deviceId: number;
                                deviceUserId: string;
                                conflictType: string;
                                deviceData: {
                                    [key: string]: unknown;
                                };
                                databaseData: {
                                    [key: string]: unknown;
                                } | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                detectedAt: string;
                                resolved: boolean;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                resolvedAt: string | null;
                                resolvedBy: string | null;
                                /** @enum {string|null} */
                                resolutionStrategy: "use_device" | "use_database" | "merge" | null;
                                resolutionNotes: string | null;
                            };
                            command: {
                                /** @enum {string} */
                                queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                                jobId: string;
                                /** @description GET it for state, progress and result */
                                statusUrl: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conflict: {
                                id: number;
                                deviceId: number;
                                deviceUserId: string;
                                conflictType: string;
                                deviceData: {
                                    [key: string]: unknown;
                                };
                                databaseData: {
                                    [key: string]: unknown;
                                } | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                detectedAt: string;
                                resolved: boolean;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                resolvedAt: string | null;
                                resolvedBy: string | null;
                                /** @enum {string|null} */
                                resolutionStrategy: "use_device" | "use_database" | "merge" | null;
                                resolutionNotes: string | null;
                            };
                            command: {
                                /** @enum {string} */
                                queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                                jobId: string;
                                /** @description GET it for state, progress and result */
                                statusUrl: string;
                            } | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List device user backups (newest first) */
        get: {
            parameters: {
                query?: {
                    deviceId?: number;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                deviceId: number | null;
                                file: string | null;
                                userCount: number | null;
                                sizeBytes: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                createdAt: string;
                                createdBy: string;
                            }[];
                            total: number;
                            limit: number;
                            offset: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/backups/{filename}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a device from a backup, or dry-run it (202; watch the status URL)
         * @description A "/" inside the file name is sent as %2F. A restore never deletes a device user.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    filename: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        deviceId: number;
                        /** @description true: report what would change and change nothing */
                        dryRun: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                            jobId: string;
                            /** @description GET it for state, progress and result */
                            statusUrl: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/monitoring/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current device user count and status per device */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                deviceId: number;
                                name: string;
                                enabled: boolean;
                                currentCount: number | null;
                                previousCount: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                recordedAt: string | null;
                                /** @enum {string} */
                                status: "ok" | "decreased" | "unreachable" | "unknown";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastContactAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/monitoring/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Device user count history in a time range (newest first) */
        get: {
            parameters: {
                query?: {
                    deviceId?: number;
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    from?: string;
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    to?: string;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                deviceId: number;
                                userCount: number;
                                userIds: (string | number)[];
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                recordedAt: string;
                            }[];
                            total: number;
                            limit: number;
                            offset: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/device-users/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Query the device-user audit log (newest first, keyset-paged)
         * @description Pages by cursor, not offset: each page costs the same at any depth and rows written meanwhile never shift a page. No total is counted.
         */
        get: {
            parameters: {
                query?: {
                    deviceId?: number;
                    deviceUserId?: string;
                    operationType?: string;
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    from?: string;
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    to?: string;
                    /** @description nextCursor of the previous page; omit for the newest entries */
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                deviceId: number | null;
                                operationType: string;
                                deviceUserId: string | null;
                                deviceUserName: string | null;
                                performedBy: string;
                                serviceName: string | null;
                                conflictId: number | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                occurredAt: string;
                            }[];
                            /** @description pass as `after` for the next (older) page; null on the last page */
                            nextCursor: number | null;
                            limit: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meter-sync/tenants/{tenantId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync one tenant's meters, registers and links now (joins a run already waiting) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                            jobId: string;
                            /** @description GET it for state, progress and result */
                            statusUrl: string;
                            /** Format: uuid */
                            runId: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meter-sync/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tenants with meters or runs: meter count and newest run of each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                tenantId: number;
                                /** @description meters copied for the tenant */
                                meters: number;
                                lastRun: {
                                    /** Format: uuid */
                                    runId: string;
                                    tenantId: number;
                                    /** @enum {string} */
                                    trigger: "scheduled" | "manual";
                                    /** @enum {string} */
                                    status: "queued" | "running" | "succeeded" | "failed";
                                    jobId: string | null;
                                    /** @description { phase, entity, done, total } while running */
                                    progress: unknown;
                                    /** @description rows inserted/updated/deleted/skipped per entity */
                                    entities: {
                                        [key: string]: {
                                            inserted: number;
                                            updated: number;
                                            deleted: number;
                                            skipped?: number;
                                        };
                                    } | null;
                                    /** @description remote and local matched by count and checksum after the run */
                                    verified: boolean | null;
                                    error: string | null;
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                     */
                                    createdAt: string;
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                     */
                                    startedAt: string | null;
                                    /**
                                     * Format: date-time
                                     * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                     */
                                    finishedAt: string | null;
                                    durationMs: number | null;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meter-sync/tenants/{tenantId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A tenant's meter-sync runs, newest first, with counts and duration */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    tenantId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                runId: string;
                                tenantId: number;
                                /** @enum {string} */
                                trigger: "scheduled" | "manual";
                                /** @enum {string} */
                                status: "queued" | "running" | "succeeded" | "failed";
                                jobId: string | null;
                                /** @description { phase, entity, done, total } while running */
                                progress: unknown;
                                /** @description rows inserted/updated/deleted/skipped per entity */
                                entities: {
                                    [key: string]: {
                                        inserted: number;
                                        updated: number;
                                        deleted: number;
                                        skipped?: number;
                                    };
                                } | null;
                                /** @description remote and local matched by count and checksum after the run */
                                verified: boolean | null;
                                error: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                startedAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                finishedAt: string | null;
                                durationMs: number | null;
                            }[];
                            total: number;
                            limit: number;
                            offset: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meter-sync/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One meter-sync run: live progress while running, counts and verification when done */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            runId: string;
                            tenantId: number;
                            /** @enum {string} */
                            trigger: "scheduled" | "manual";
                            /** @enum {string} */
                            status: "queued" | "running" | "succeeded" | "failed";
                            jobId: string | null;
                            /** @description { phase, entity, done, total } while running */
                            progress: unknown;
                            /** @description rows inserted/updated/deleted/skipped per entity */
                            entities: {
                                [key: string]: {
                                    inserted: number;
                                    updated: number;
                                    deleted: number;
                                    skipped?: number;
                                };
                            } | null;
                            /** @description remote and local matched by count and checksum after the run */
                            verified: boolean | null;
                            error: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            startedAt: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            finishedAt: string | null;
                            durationMs: number | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync the sellers sheet now; while a sync runs, answers 200 with that sync instead of starting another */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            alreadyRunning: true;
                            sync: {
                                /** Format: uuid */
                                syncId: string;
                                /** @enum {string} */
                                trigger: "scheduled" | "manual";
                                requestedBy: string | null;
                                /** @enum {string} */
                                status: "in_progress" | "completed" | "failed" | "cancelled";
                                /** @description Live while running: sellers processed of total, how many succeeded and failed */
                                progress: {
                                    /** @enum {string} */
                                    phase: "detecting" | "syncing" | "verifying" | "done";
                                    total: number;
                                    processed: number;
                                    success: number;
                                    errors: number;
                                } | null;
                                /** @description When finished: new sellers, updated sellers, unchanged, bad sheet rows, failed writes; errors = invalid + failed */
                                summary: {
                                    created: number;
                                    updated: number;
                                    unchanged: number;
                                    invalid: number;
                                    failed: number;
                                    errors: number;
                                } | null;
                                /** @description Counts, gaps detected, repaired and remaining, integrity issues */
                                verification: unknown;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                startedAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                finishedAt: string | null;
                                durationMs: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                cancelRequestedAt: string | null;
                                cancelRequestedBy: string | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                            jobId: string;
                            /** @description GET it for state, progress and result */
                            statusUrl: string;
                            /** Format: uuid */
                            syncId: string;
                            progressUrl: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a sync runs (with progress) and the last sync */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            isRunning: boolean;
                            /** @description The running sync with its progress */
                            current: {
                                /** Format: uuid */
                                syncId: string;
                                /** @enum {string} */
                                trigger: "scheduled" | "manual";
                                requestedBy: string | null;
                                /** @enum {string} */
                                status: "in_progress" | "completed" | "failed" | "cancelled";
                                /** @description Live while running: sellers processed of total, how many succeeded and failed */
                                progress: {
                                    /** @enum {string} */
                                    phase: "detecting" | "syncing" | "verifying" | "done";
                                    total: number;
                                    processed: number;
                                    success: number;
                                    errors: number;
                                } | null;
                                /** @description When finished: new sellers, updated sellers, unchanged, bad sheet rows, failed writes; errors = invalid + failed */
                                summary: {
                                    created: number;
                                    updated: number;
                                    unchanged: number;
                                    invalid: number;
                                    failed: number;
                                    errors: number;
                                } | null;
                                /** @description Counts, gaps detected, repaired and remaining, integrity issues */
                                verification: unknown;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                startedAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                finishedAt: string | null;
                                durationMs: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                cancelRequestedAt: string | null;
                                cancelRequestedBy: string | null;
                            } | null;
                            /**
                             * Format: date-time
                             * @description End of the newest finished sync
                             */
                            lastSyncTime: string | null;
                            lastSync: {
                                /** Format: uuid */
                                syncId: string;
                                /** @enum {string} */
                                trigger: "scheduled" | "manual";
                                requestedBy: string | null;
                                /** @enum {string} */
                                status: "in_progress" | "completed" | "failed" | "cancelled";
                                /** @description Live while running: sellers processed of total, how many succeeded and failed */
                                progress: {
                                    /** @enum {string} */
                                    phase: "detecting" | "syncing" | "verifying" | "done";
                                    total: number;
                                    processed: number;
                                    success: number;
                                    errors: number;
                                } | null;
                                /** @description When finished: new sellers, updated sellers, unchanged, bad sheet rows, failed writes; errors = invalid + failed */
                                summary: {
                                    created: number;
                                    updated: number;
                                    unchanged: number;
                                    invalid: number;
                                    failed: number;
                                    errors: number;
                                } | null;
                                /** @description Counts, gaps detected, repaired and remaining, integrity issues */
                                verification: unknown;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                startedAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                finishedAt: string | null;
                                durationMs: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                cancelRequestedAt: string | null;
                                cancelRequestedBy: string | null;
                            } | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/syncs/{syncId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync: phase and counts while running, summary and verification when done */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            syncId: string;
                            /** @enum {string} */
                            trigger: "scheduled" | "manual";
                            requestedBy: string | null;
                            /** @enum {string} */
                            status: "in_progress" | "completed" | "failed" | "cancelled";
                            /** @description Live while running: sellers processed of total, how many succeeded and failed */
                            progress: {
                                /** @enum {string} */
                                phase: "detecting" | "syncing" | "verifying" | "done";
                                total: number;
                                processed: number;
                                success: number;
                                errors: number;
                            } | null;
                            /** @description When finished: new sellers, updated sellers, unchanged, bad sheet rows, failed writes; errors = invalid + failed */
                            summary: {
                                created: number;
                                updated: number;
                                unchanged: number;
                                invalid: number;
                                failed: number;
                                errors: number;
                            } | null;
                            /** @description Counts, gaps detected, repaired and remaining, integrity issues */
                            verification: unknown;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            startedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            finishedAt: string | null;
                            durationMs: number | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            cancelRequestedAt: string | null;
                            cancelRequestedBy: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/syncs/{syncId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a running sync to stop after its current batch (the database stays consistent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    syncId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            syncId: string;
                            /** @enum {string} */
                            trigger: "scheduled" | "manual";
                            requestedBy: string | null;
                            /** @enum {string} */
                            status: "in_progress" | "completed" | "failed" | "cancelled";
                            /** @description Live while running: sellers processed of total, how many succeeded and failed */
                            progress: {
                                /** @enum {string} */
                                phase: "detecting" | "syncing" | "verifying" | "done";
                                total: number;
                                processed: number;
                                success: number;
                                errors: number;
                            } | null;
                            /** @description When finished: new sellers, updated sellers, unchanged, bad sheet rows, failed writes; errors = invalid + failed */
                            summary: {
                                created: number;
                                updated: number;
                                unchanged: number;
                                invalid: number;
                                failed: number;
                                errors: number;
                            } | null;
                            /** @description Counts, gaps detected, repaired and remaining, integrity issues */
                            verification: unknown;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            startedAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            finishedAt: string | null;
                            durationMs: number | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            cancelRequestedAt: string | null;
                            cancelRequestedBy: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync health: last success, next scheduled run, success rates, gaps, recent alerts, trend */
        get: {
            parameters: {
                query?: {
                    trendDays?: number;
                    alerts?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            lastSuccessfulSync: string | null;
                            /**
                             * Format: date-time
                             * @description From the BullMQ job scheduler; null when none or the queue is unreachable
                             */
                            nextScheduledSync: string | null;
                            /** @description completed / (completed + failed); null without finished runs */
                            successRate24h: number | null;
                            successRate7d: number | null;
                            /** @description Sellers still missing after the newest verification */
                            currentGapCount: number;
                            recentAlerts: {
                                id: string;
                                /** @enum {string} */
                                severity: "high" | "medium" | "low";
                                type: string;
                                message: string;
                                occurrences: number;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                firstSeenAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSeenAt: string;
                                acknowledged: boolean;
                            }[];
                            trend: {
                                /** Format: uuid */
                                syncId: string;
                                /** @enum {string} */
                                status: "in_progress" | "completed" | "failed" | "cancelled";
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                timestamp: string;
                                successCount: number;
                                failureCount: number;
                                durationMs: number | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Aggregated sync metrics over the last `days` days (spec 002 getAggregatedMetrics) */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The window: runs started in the last `days` days */
                            days: number;
                            /** @description Runs in the window that stored metrics */
                            runs: number;
                            /** @description Mean run duration, milliseconds */
                            averageSyncTime: number;
                            /** @description Longest run, milliseconds */
                            peakSyncTime: number;
                            /** @description Failed (invalid or unwritten) rows / rows processed */
                            errorRate: number;
                            /** @description Mean rows per second */
                            averageThroughput: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync runs, newest first, filtered by start time, status and seller number */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    from?: string;
                    /** @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z */
                    to?: string;
                    status?: "in_progress" | "completed" | "failed" | "cancelled";
                    sellerNumber?: string;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                syncId: string;
                                /** @enum {string} */
                                trigger: "scheduled" | "manual";
                                requestedBy: string | null;
                                /** @enum {string} */
                                status: "in_progress" | "completed" | "failed" | "cancelled";
                                /** @description Live while running: sellers processed of total, how many succeeded and failed */
                                progress: {
                                    /** @enum {string} */
                                    phase: "detecting" | "syncing" | "verifying" | "done";
                                    total: number;
                                    processed: number;
                                    success: number;
                                    errors: number;
                                } | null;
                                /** @description When finished: new sellers, updated sellers, unchanged, bad sheet rows, failed writes; errors = invalid + failed */
                                summary: {
                                    created: number;
                                    updated: number;
                                    unchanged: number;
                                    invalid: number;
                                    failed: number;
                                    errors: number;
                                } | null;
                                /** @description Counts, gaps detected, repaired and remaining, integrity issues */
                                verification: unknown;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                startedAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                finishedAt: string | null;
                                durationMs: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                cancelRequestedAt: string | null;
                                cancelRequestedBy: string | null;
                            }[];
                            total: number;
                            limit: number;
                            offset: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/seller-sync/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** seller-sync settings in force (stored over defaults) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description syncIntervalMinutes, consecutiveFailureThreshold, syncGapThreshold, noSyncThresholdMinutes, autoRecoveryEnabled, invalidRowAlertPercent, retryConfig, alertConfig */
                            settings: {
                                [key: string]: unknown;
                            };
                            /** @description false: a stored value breaks the rules; seller-sync keeps its last good settings until it is fixed */
                            valid: boolean;
                            updated: {
                                key: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                updatedAt: string;
                                updatedBy: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change seller-sync settings; the running service applies them within seconds, schedule included */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Minutes between scheduled syncs (at least 1) */
                        syncIntervalMinutes?: number;
                        /** @description Alert after this many failed runs in a row */
                        consecutiveFailureThreshold?: number;
                        /** @description Alert when a verification finds more missing sellers than this */
                        syncGapThreshold?: number;
                        /** @description Alert when no sync succeeded for this long */
                        noSyncThresholdMinutes?: number;
                        /** @description Re-sync gaps automatically */
                        autoRecoveryEnabled?: boolean;
                        /** @description Alert when more than this % of non-blank sheet rows fail validation (0 = any invalid row) */
                        invalidRowAlertPercent?: number;
                        retryConfig?: {
                            maxRetries: number;
                            initialDelayMs: number;
                            maxDelayMs: number;
                            backoffMultiplier: number;
                        };
                        alertConfig?: {
                            emailEnabled: boolean;
                            emailRecipients: string[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description syncIntervalMinutes, consecutiveFailureThreshold, syncGapThreshold, noSyncThresholdMinutes, autoRecoveryEnabled, invalidRowAlertPercent, retryConfig, alertConfig */
                            settings: {
                                [key: string]: unknown;
                            };
                            /** @description false: a stored value breaks the rules; seller-sync keeps its last good settings until it is fixed */
                            valid: boolean;
                            updated: {
                                key: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                updatedAt: string;
                                updatedBy: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List alerts, newest first (filter by open, source, type, severity, last seen since) */
        get: {
            parameters: {
                query?: {
                    /** @description true: not acknowledged; false: acknowledged; absent: both */
                    open?: "true" | "false";
                    source?: string;
                    type?: string;
                    severity?: "high" | "medium" | "low";
                    /** @description only alerts seen at or after this time (last_seen_at) */
                    since?: string;
                    limit?: number;
                    offset?: number;
                    /** @description nextCursor of the previous page (keyset: no total, offset ignored) */
                    after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                source: string;
                                type: string;
                                /** @enum {string} */
                                severity: "high" | "medium" | "low";
                                message: string;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                dedupeKey: string;
                                /** @description alerts folded into this row */
                                occurrences: number;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                firstSeenAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                lastSeenAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                notifiedAt: string | null;
                                notificationRound: number;
                                /** @description per channel (log, email, webhook): state of the current round */
                                deliveries: {
                                    [key: string]: {
                                        /** @description pending | retrying | sent | failed */
                                        status: string;
                                        /** @description notification round this status belongs to */
                                        round: number | null;
                                        attempts: number;
                                        /** @description time of the last attempt */
                                        at: string | null;
                                        /** @description error of the last failed attempt */
                                        error: string | null;
                                        messageId: string | null;
                                    };
                                };
                                acknowledged: boolean;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                acknowledgedAt: string | null;
                                acknowledgedBy: string | null;
                            }[];
                            /** @description null when paging by `after` (not counted) */
                            total: number | null;
                            limit: number;
                            offset: number;
                            /**
                             * Format: uuid
                             * @description pass as `after` for the next page; null on the last page
                             */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert with its latest 100 occurrences */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            source: string;
                            type: string;
                            /** @enum {string} */
                            severity: "high" | "medium" | "low";
                            message: string;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            dedupeKey: string;
                            /** @description alerts folded into this row */
                            occurrences: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            firstSeenAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            lastSeenAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            notifiedAt: string | null;
                            notificationRound: number;
                            /** @description per channel (log, email, webhook): state of the current round */
                            deliveries: {
                                [key: string]: {
                                    /** @description pending | retrying | sent | failed */
                                    status: string;
                                    /** @description notification round this status belongs to */
                                    round: number | null;
                                    attempts: number;
                                    /** @description time of the last attempt */
                                    at: string | null;
                                    /** @description error of the last failed attempt */
                                    error: string | null;
                                    messageId: string | null;
                                };
                            };
                            acknowledged: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                            recentOccurrences: {
                                /** Format: uuid */
                                alertId: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                occurredAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                receivedAt: string;
                                /** @description round this alert opened; null when folded into an open round or muted */
                                round: number | null;
                                /**
                                 * Format: uuid
                                 * @description the silence that muted it
                                 */
                                silenceId: string | null;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an alert handled; the next alert with its key opens a new row and notifies at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            source: string;
                            type: string;
                            /** @enum {string} */
                            severity: "high" | "medium" | "low";
                            message: string;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            dedupeKey: string;
                            /** @description alerts folded into this row */
                            occurrences: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            firstSeenAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            lastSeenAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            notifiedAt: string | null;
                            notificationRound: number;
                            /** @description per channel (log, email, webhook): state of the current round */
                            deliveries: {
                                [key: string]: {
                                    /** @description pending | retrying | sent | failed */
                                    status: string;
                                    /** @description notification round this status belongs to */
                                    round: number | null;
                                    attempts: number;
                                    /** @description time of the last attempt */
                                    at: string | null;
                                    /** @description error of the last failed attempt */
                                    error: string | null;
                                    messageId: string | null;
                                };
                            };
                            acknowledged: boolean;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            acknowledgedAt: string | null;
                            acknowledgedBy: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alert-silences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List silences: active ones unless all=true (the whole history, newest first) */
        get: {
            parameters: {
                query?: {
                    all?: "true" | "false";
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @description null matches every source */
                                source: string | null;
                                /** @description null matches every type */
                                type: string | null;
                                reason: string;
                                createdBy: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                startsAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                endsAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                expiredAt: string | null;
                                expiredBy: string | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                createdAt: string;
                                active: boolean;
                            }[];
                            total: number;
                            limit: number;
                            offset: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Mute a source and/or type for a while (muted alerts are still stored and logged) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description mute this emitting service (with `type`: only that type from it) */
                        source?: string | null;
                        /** @description mute this alert type (without `source`: from every service) */
                        type?: string | null;
                        durationSeconds: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @description null matches every source */
                            source: string | null;
                            /** @description null matches every type */
                            type: string | null;
                            reason: string;
                            createdBy: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            startsAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            endsAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            expiredAt: string | null;
                            expiredBy: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            active: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alert-silences/{id}/expire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a silence now (kept in the history with who ended it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @description null matches every source */
                            source: string | null;
                            /** @description null matches every type */
                            type: string | null;
                            reason: string;
                            createdBy: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            startsAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            endsAt: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            expiredAt: string | null;
                            expiredBy: string | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                            active: boolean;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchange/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Desktop nodes with their exchange status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                code: string;
                                name: string;
                                enabled: boolean;
                                /** @description schema version the node last sent */
                                schemaVersion: string | null;
                                /**
                                 * Format: date-time
                                 * @description last packet received from the node
                                 */
                                lastSyncIn: string | null;
                                /**
                                 * Format: date-time
                                 * @description last packet sent to the node
                                 */
                                lastSyncOut: string | null;
                                /** @description number of the last packet applied from the node */
                                receivedPacketNo: number;
                                /** @description number of the last packet sent to the node */
                                sentPacketNo: number;
                                /** @description changes queued for the node and not yet acknowledged */
                                pendingChanges: number;
                                /** @description unresolved changes from the node that the hub refused */
                                quarantined: number;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a desktop node; the answer carries its token, which is never shown again
         * @description Only the SHA-256 of the token is stored; a lost token means registering a new node. The node is queued the complete initial image in the same transaction.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Unique, e.g. DESKTOP-1 */
                        code: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            token: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchange/nodes/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refuse every request of a node from now on (checked on each request) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            enabled: boolean;
                            /** @description schema version the node last sent */
                            schemaVersion: string | null;
                            /**
                             * Format: date-time
                             * @description last packet received from the node
                             */
                            lastSyncIn: string | null;
                            /**
                             * Format: date-time
                             * @description last packet sent to the node
                             */
                            lastSyncOut: string | null;
                            /** @description number of the last packet applied from the node */
                            receivedPacketNo: number;
                            /** @description number of the last packet sent to the node */
                            sentPacketNo: number;
                            /** @description changes queued for the node and not yet acknowledged */
                            pendingChanges: number;
                            /** @description unresolved changes from the node that the hub refused */
                            quarantined: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchange/nodes/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let a disabled node exchange again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            name: string;
                            enabled: boolean;
                            /** @description schema version the node last sent */
                            schemaVersion: string | null;
                            /**
                             * Format: date-time
                             * @description last packet received from the node
                             */
                            lastSyncIn: string | null;
                            /**
                             * Format: date-time
                             * @description last packet sent to the node
                             */
                            lastSyncOut: string | null;
                            /** @description number of the last packet applied from the node */
                            receivedPacketNo: number;
                            /** @description number of the last packet sent to the node */
                            sentPacketNo: number;
                            /** @description changes queued for the node and not yet acknowledged */
                            pendingChanges: number;
                            /** @description unresolved changes from the node that the hub refused */
                            quarantined: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                             */
                            createdAt: string;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exchange/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Changes the hub refused, with the reason, newest first */
        get: {
            parameters: {
                query?: {
                    nodeId?: string;
                    /** @description omit for both */
                    resolved?: "true" | "false";
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                /** Format: uuid */
                                nodeId: string;
                                nodeCode: string;
                                packetNo: number;
                                entityType: string;
                                /** Format: uuid */
                                entityUuid: string;
                                /** @enum {string} */
                                operation: "INSERT" | "UPDATE" | "DELETE";
                                data: {
                                    [key: string]: unknown;
                                };
                                /** @description invalid_entity, missing_reference, unknown_entity_type, ... */
                                code: string;
                                reason: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                createdAt: string;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601 date-time, e.g. 2026-11-22T08:00:00Z
                                 */
                                resolvedAt: string | null;
                            }[];
                            total: number;
                            limit: number;
                            offset: number;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{queue}/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress and result of an enqueued job */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                    jobId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            queue: "device-sync" | "device-commands" | "backups" | "seller-sync" | "meter-sync" | "exchange" | "alerts";
                            jobId: string;
                            name: string;
                            /** @description waiting, delayed, active, completed, failed, ... */
                            state: string;
                            /** @description what the worker last reported (a percentage or an object) */
                            progress: unknown;
                            /** @description the return value once completed */
                            result: unknown;
                            failedReason: string | null;
                            attemptsMade: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            finishedAt: string | null;
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description RFC 9457 problem details (application/problem+json) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                            instance: string;
                            errors?: {
                                path: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
