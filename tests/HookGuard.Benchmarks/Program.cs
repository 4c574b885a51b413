using BenchmarkDotNet.Running;

// Engine-only benchmarks; the real hook's cost (start-up, git) is timed by tests/perf/*.sh.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
