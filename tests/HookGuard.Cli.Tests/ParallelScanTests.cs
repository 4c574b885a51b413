using HookGuard.Cli.Scanning;
using HookGuard.Config;
using HookGuard.Detectors;

namespace HookGuard.Cli.Tests;

/// <summary>A large change is scanned on every core; what it reports, and in which order, must not change.</summary>
public sealed class ParallelScanTests
{
    [Test]
    public void Scan_LargeChange_ReportsWhatASequentialScanReportsInFragmentOrder()
    {
        // 400 files of ~4 KB (1.6 M characters, over the parallel threshold), a token in every 25th, two in the 100th.
        var fragments = Enumerable.Range(0, 400).Select(i => new ScanFragment(
            $"src/file{i:000}.cs",
            1,
            string.Concat(Enumerable.Repeat($"    var total{i} = items.Sum(item => item.Price * item.Quantity); // ordinary line\n", 50))
                + (i % 25 == 0 ? $"STRIPE_KEY={Tool.Token("stripe-secret-key", i)}\n" : "")
                + (i == 100 ? $"token: {Tool.Token("circleci-personal-api-token")}\n" : "")))
            .ToList();
        Assert.That(fragments.Sum(f => (long)f.Text.Length), Is.GreaterThan(1 << 20), "large enough to take the parallel path");
        var policy = ScanPolicy.None(Path.GetTempPath());

        var parallel = Scanner.Scan(fragments, new ScanStatistics(), policy);
        var sequential = Scanner.Scan(fragments.AsEnumerable().Select(f => f), new ScanStatistics(), policy);

        var expected = Enumerable.Range(0, 400).Where(i => i % 25 == 0).Select(i => $"src/file{i:000}.cs").ToList();
        expected.Insert(expected.IndexOf("src/file100.cs") + 1, "src/file100.cs");
        Assert.That(parallel.Findings.Select(f => f.Path), Is.EqualTo(expected));
        Assert.That(parallel.Findings.Select(f => (f.Rule.Id, f.Path, f.Line, f.Column)), Is.EqualTo(sequential.Findings.Select(f => (f.Rule.Id, f.Path, f.Line, f.Column))));
    }
}
