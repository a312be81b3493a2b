"""Jupyter protocol conformance of the FuseFlow kernel (Debian's python3-jupyter-kernel-test).

Run by KernelConformanceIT with /usr/bin/python3 -m unittest against a private kernelspec whose name is in
the environment variable FUSEFLOW_TEST_KERNEL (default: fuseflow).
"""

import os
import unittest

import jupyter_kernel_test


class FuseFlowKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("FUSEFLOW_TEST_KERNEL", "fuseflow")

    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs(", "absExact("}},
        {"text": "%fuseflow sim", "matches": {"simulate"}},
        {"text": "%fuseflow simulate --mod", "matches": {"--model", "--mode-order"}},
    ]

    complete_code_samples = [
        "int x = 1;",
        "System.out.println(1)",
        "%fuseflow help",
        "%%fuseflow simulate --dataset generated\nT(i) = A(i,j) * x(j",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "int y = (1 +",
        "%fuseflow help\nvoid f() {",
    ]

    code_generate_error = 'throw new IllegalStateException("expected failure");'

    code_execute_result = [
        {"code": "6 * 7", "mime": "text/plain", "result": "42"},
        {"code": '"fuse" + "flow"', "mime": "text/plain", "result": "fuseflow"},
        {"code": 'Table.create("t", IntColumn.create("n", 1, 2))', "mime": "text/html"},
    ]

    code_display_data = [
        {"code": 'FuseFlow.display(Table.create("t", IntColumn.create("n", 1, 2)));', "mime": "text/html"},
    ]

    code_inspect_sample = "Math.abs"


if __name__ == "__main__":
    unittest.main()
