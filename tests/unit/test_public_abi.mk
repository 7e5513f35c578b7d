test_public_abi_SRCS :=
