/* SPDX-License-Identifier: MIT */
/*
 * The xenstore wire protocol (xen/include/public/io/xs_wire.h): every
 * message is a struct xsd_sockmsg header followed by @len bytes of payload
 * (usually NUL-terminated strings), over a socket or the shared ring page
 * below.  Errors travel as XS_ERROR messages whose payload is the errno
 * name ("EINVAL"), see xsd_errors[].
 */
#ifndef PUBLIC_IO_XS_WIRE_H
#define PUBLIC_IO_XS_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "../errno.h"

enum xsd_sockmsg_type {
    XS_CONTROL,                         /* 0 (also XS_DEBUG) */
    XS_DIRECTORY,
    XS_READ,
    XS_GET_PERMS,
    XS_WATCH,
    XS_UNWATCH,                         /* 5 */
    XS_TRANSACTION_START,
    XS_TRANSACTION_END,
    XS_INTRODUCE,
    XS_RELEASE,
    XS_GET_DOMAIN_PATH,                 /* 10 */
    XS_WRITE,
    XS_MKDIR,
    XS_RM,
    XS_SET_PERMS,
    XS_WATCH_EVENT,                     /* 15 */
    XS_ERROR,
    XS_IS_DOMAIN_INTRODUCED,
    XS_RESUME,
    XS_SET_TARGET,                      /* 19; 20 was XS_RESTRICT, removed */
    XS_RESET_WATCHES = XS_SET_TARGET + 2,
    XS_DIRECTORY_PART,                  /* 22 */
    XS_TYPE_COUNT,                      /* number of valid types */
    XS_INVALID = 0xffff                 /* never a valid type */
};
#define XS_DEBUG XS_CONTROL

/* Old write-mode strings (not used by current clients). */
#define XS_WRITE_NONE        "NONE"
#define XS_WRITE_CREATE      "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

struct xsd_sockmsg {
    uint32_t type;                      /* XS_* */
    uint32_t req_id;                    /* echoed in the reply */
    uint32_t tx_id;                     /* transaction, 0 if none */
    uint32_t len;                       /* payload bytes that follow */
};

/* Payload of an XS_WATCH_EVENT: path, then token. */
enum xs_watch_type {
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN
};

/*
 * Error names sent in XS_ERROR replies, with the numbers clients map them
 * to.  The order is part of the protocol: new entries only at the end, and
 * the first is the fallback for unknown errors.
 */
struct xsd_errors {
    int32_t errnum;
    const char *errstring;
};
#define XSD_ERROR(name) { XEN_##name, #name }
static const struct xsd_errors xsd_errors[] __attribute__((unused)) = {
    XSD_ERROR(EINVAL),
    XSD_ERROR(EACCES),
    XSD_ERROR(EEXIST),
    XSD_ERROR(EISDIR),
    XSD_ERROR(ENOENT),
    XSD_ERROR(ENOMEM),
    XSD_ERROR(ENOSPC),
    XSD_ERROR(EIO),
    XSD_ERROR(ENOTEMPTY),
    XSD_ERROR(ENOSYS),
    XSD_ERROR(EROFS),
    XSD_ERROR(EBUSY),
    XSD_ERROR(EAGAIN),
    XSD_ERROR(EISCONN),
    XSD_ERROR(E2BIG),
    XSD_ERROR(EPERM),
};
#undef XSD_ERROR

/* The shared ring page of a domain's xenstore connection. */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];       /* guest -> xenstored */
    char rsp[XENSTORE_RING_SIZE];       /* replies and watch events */
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features;           /* XENSTORE_SERVER_FEATURE_* */
    uint32_t connection;                /* XENSTORE_CONNECTED / _RECONNECT */
    uint32_t error;                     /* XENSTORE_ERROR_* */
};

#define XENSTORE_PAYLOAD_MAX    4096    /* largest payload in either direction */
#define XENSTORE_ABS_PATH_MAX   3072
#define XENSTORE_REL_PATH_MAX   2048

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2

#define XENSTORE_CONNECTED      0       /* steady state */
#define XENSTORE_RECONNECT      1       /* reconnection in progress */

#define XENSTORE_ERROR_NONE     0
#define XENSTORE_ERROR_COMM     1       /* communication problem */
#define XENSTORE_ERROR_RINGIDX  2       /* invalid ring index */
#define XENSTORE_ERROR_PROTO    3       /* protocol violation (payload too long) */

_Static_assert(XS_DIRECTORY_PART == 22 && XS_TYPE_COUNT == 23, "xsd_sockmsg_type");
_Static_assert(sizeof(struct xsd_sockmsg) == 16, "xsd_sockmsg");
_Static_assert(sizeof(struct xenstore_domain_interface) == 2076, "xenstore_domain_interface");
_Static_assert(offsetof(struct xenstore_domain_interface, req_cons) == 2048, "xs req_cons");
_Static_assert(offsetof(struct xenstore_domain_interface, server_features) == 2064,
               "xs server_features");

#endif
