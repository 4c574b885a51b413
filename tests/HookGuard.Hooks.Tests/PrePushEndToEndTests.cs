using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

/// <summary>
/// The installed pre-push script under a real <c>git push</c> to a local bare remote, with a stand-in hookguard
/// on PATH that blocks when the pushed refs on its stdin name <see cref="Marker"/>.
/// </summary>
[TestFixture]
public sealed class PrePushEndToEndTests
{
    private const string Marker = "forbidden";

    private TempRepository _repository = null!;
    private TempRepository _remote = null!;
    private string _record = null!;

    [SetUp]
    public void SetUp()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("runs the hook through git's sh");
        }

        _repository = TempRepository.Create();
        _remote = _repository.AddBareRemote();
        var bin = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(_repository.Root)!, "fake-bin")).FullName;
        _record = Path.Combine(bin, "args");
        var script = $"""
            #!/bin/sh
            printf '%s\n' "$@" > '{_record}'
            refs=$(cat)
            case $refs in
                *{Marker}*) echo 'fake hookguard: push blocked' >&2; exit 1 ;;
            esac
            exit 0

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
        TestFiles.WriteWithMode(Path.Combine(bin, "hookguard"), System.Text.Encoding.UTF8.GetBytes(script), TestFiles.Executable);
        _repository.SetEnvironment("PATH", bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"));
        new HookInstaller(_repository.Environment).Install(_repository.Root, [HookKind.PrePush], force: false);
    }

    [TearDown]
    public void TearDown() => _repository?.Dispose();

    [Test]
    public void Push_HookguardFindsNothing_PushesAndHookGetsRemoteNameAndUrl()
    {
        var result = HookedGit.Run(_repository, HookKind.PrePush, branch: "main");

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(File.ReadAllText(_record), Is.EqualTo($"hook\npre-push\norigin\n{_remote.Root}\n"));
        Assert.That(RemoteHas("main"), Is.True);
    }

    [Test]
    public void Push_HookguardBlocks_IsRefusedAndNoVerifyPushes()
    {
        var blocked = HookedGit.Run(_repository, HookKind.PrePush, branch: $"{Marker}-topic");

        Assert.That(blocked.ExitCode, Is.Not.Zero);
        Assert.That(blocked.StandardError, Does.Contain("fake hookguard: push blocked"));
        Assert.That(RemoteHas($"{Marker}-topic"), Is.False);

        var bypassed = _repository.Git("push", "--quiet", "--no-verify", "origin", $"HEAD:refs/heads/{Marker}-topic");

        Assert.That(bypassed.ExitCode, Is.Zero, bypassed.StandardError);
        Assert.That(RemoteHas($"{Marker}-topic"), Is.True);
    }

    private bool RemoteHas(string branch) =>
        _remote.Git("rev-parse", "--verify", "--quiet", $"refs/heads/{branch}").ExitCode == 0;
}
