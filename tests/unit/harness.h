/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Minimal host unit-test harness.  Each test binary defines tests with
 * TEST(name) { ... } and ends with TEST_MAIN().  Every test prints one line,
 * "PASS <binary>.<name>" or "FAIL <binary>.<name>: <why>", which the
 * top-level test runner counts.  A failed CHECK ends that test only.
 */
#ifndef TESTS_UNIT_HARNESS_H
#define TESTS_UNIT_HARNESS_H

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit_test {
    const char *name;
    void (*fn)(void);
};

#define MAX_UNIT_TESTS 256
extern struct unit_test unit_tests[MAX_UNIT_TESTS];
extern unsigned int unit_test_count;
extern jmp_buf unit_test_jmp;
extern char unit_test_why[512];

#define TEST(name)                                                    \
    static void test_##name(void);                                    \
    __attribute__((constructor)) static void register_##name(void)    \
    {                                                                 \
        if (unit_test_count < MAX_UNIT_TESTS)                         \
            unit_tests[unit_test_count++] =                           \
                (struct unit_test){ #name, test_##name };             \
    }                                                                 \
    static void test_##name(void)

#define CHECK(cond)                                                   \
    do {                                                              \
        if (!(cond)) {                                                \
            snprintf(unit_test_why, sizeof(unit_test_why),            \
                     "%s:%d: CHECK(%s)", __FILE__, __LINE__, #cond);  \
            longjmp(unit_test_jmp, 1);                                \
        }                                                             \
    } while (0)

#define CHECK_EQ(a, b)                                                \
    do {                                                              \
        long long a_ = (long long)(a), b_ = (long long)(b);           \
        if (a_ != b_) {                                               \
            snprintf(unit_test_why, sizeof(unit_test_why),            \
                     "%s:%d: %s == %lld, expected %s == %lld",        \
                     __FILE__, __LINE__, #a, a_, #b, b_);             \
            longjmp(unit_test_jmp, 1);                                \
        }                                                             \
    } while (0)

#define CHECK_STR(a, b)                                               \
    do {                                                              \
        const char *a_ = (a), *b_ = (b);                              \
        if (strcmp(a_, b_)) {                                         \
            snprintf(unit_test_why, sizeof(unit_test_why),            \
                     "%s:%d: \"%s\" != \"%s\"", __FILE__, __LINE__,   \
                     a_, b_);                                         \
            longjmp(unit_test_jmp, 1);                                \
        }                                                             \
    } while (0)

/* Run @stmt and check that it hits BUG_ON/ASSERT/panic in the code under test. */
extern jmp_buf *unit_bug_jmp;
extern char unit_bug_what[256];
#define EXPECT_BUG(stmt)                                              \
    do {                                                              \
        jmp_buf jb_;                                                  \
        volatile int hit_ = 0;                                        \
        unit_bug_jmp = &jb_;                                          \
        if (setjmp(jb_) == 0) {                                       \
            stmt;                                                     \
        } else {                                                      \
            hit_ = 1;                                                 \
        }                                                             \
        unit_bug_jmp = NULL;                                          \
        if (!hit_) {                                                  \
            snprintf(unit_test_why, sizeof(unit_test_why),            \
                     "%s:%d: expected a BUG from %s", __FILE__,       \
                     __LINE__, #stmt);                                \
            longjmp(unit_test_jmp, 1);                                \
        }                                                             \
    } while (0)

#define TEST_MAIN()                                                   \
    struct unit_test unit_tests[MAX_UNIT_TESTS];                      \
    unsigned int unit_test_count;                                     \
    jmp_buf unit_test_jmp;                                            \
    char unit_test_why[512];                                          \
    int main(int argc, char **argv)                                   \
    {                                                                 \
        const char *prog = strrchr(argv[0], '/');                     \
        volatile unsigned int i, failed = 0;                                 \
        prog = prog ? prog + 1 : argv[0];                             \
        (void)argc;                                                   \
        for (i = 0; i < unit_test_count; i++) {                       \
            if (setjmp(unit_test_jmp) == 0) {                         \
                unit_tests[i].fn();                                   \
                printf("PASS %s.%s\n", prog, unit_tests[i].name);     \
            } else {                                                  \
                printf("FAIL %s.%s: %s\n", prog, unit_tests[i].name,  \
                       unit_test_why);                                \
                failed++;                                             \
            }                                                         \
            fflush(stdout);                                           \
        }                                                             \
        return failed ? 1 : 0;                                        \
    }

#endif
