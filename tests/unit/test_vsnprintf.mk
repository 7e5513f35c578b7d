test_vsnprintf_SRCS := xen/common/vsnprintf.c
# Rename the hypervisor's functions so they don't replace the C library's.
test_vsnprintf_CFLAGS := -Dvsnprintf=xen_vsnprintf -Dsnprintf=xen_snprintf
