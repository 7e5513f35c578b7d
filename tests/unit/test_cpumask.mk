test_cpumask_SRCS :=
