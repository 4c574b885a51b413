using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// Suites that run the hooks through git's sh with the real tool on PATH and a private HOME and config folder
/// (<see cref="Tool.Isolate"/>), so global installs and tool caches stay inside the test.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public abstract class IsolatedToolFixture
{
    protected TempRepository Repo { get; private set; } = null!;

    [SetUp]
    public void CreateIsolatedRepository()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("runs the hooks through git's sh");
        }

        Repo = TempRepository.Create();
        Tool.Isolate(Repo);
    }

    [TearDown]
    public void DisposeRepository() => Repo?.Dispose();
}
