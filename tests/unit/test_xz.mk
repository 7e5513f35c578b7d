test_xz_SRCS := xen/common/xz/xz_crc.c xen/common/xz/xz_bcj.c xen/common/xz/xz_lzma.c \
                xen/common/xz/xz_lzma2.c xen/common/xz/xz_stream.c
