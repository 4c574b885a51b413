using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

/// <summary>
/// Runs each hook script directly with a shell, in an environment where PATH holds only what the
/// test puts there and HOME is a temporary folder, so a real hookguard on this machine is never found.
/// </summary>
[TestFixture("sh", HookKind.PreCommit)]
[TestFixture("dash", HookKind.PreCommit)]
[TestFixture("bash", HookKind.PreCommit)]
[TestFixture("sh", HookKind.PrePush)]
[TestFixture("dash", HookKind.PrePush)]
[TestFixture("bash", HookKind.PrePush)]
public sealed class HookScriptTests(string shell, HookKind hook)
{
    private const int FakeExitCode = 7;

    private string Name => HookInstaller.HookName(hook);

    private string _shellPath = null!;
    private DirectoryInfo _scratch = null!;
    private string _script = null!;
    private string _bin = null!;
    private string _home = null!;
    private string _record = null!;

    [SetUp]
    public void SetUp()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("runs POSIX shells directly");
        }

        _shellPath = TestFiles.FindOnPath(shell)!;
        if (_shellPath is null)
        {
            Assert.Ignore($"{shell} is not installed here");
        }

        _scratch = Directory.CreateTempSubdirectory("hookguard-script-");
        _script = Path.Combine(_scratch.FullName, Name);
        File.WriteAllBytes(_script, HookTemplates.Template(hook).ToArray());
        _bin = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "bin")).FullName;
        _home = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "home")).FullName;
        _record = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "record")).FullName;
    }

    [TearDown]
    public void TearDown() => _scratch?.Delete(recursive: true);

    [Test]
    public void Hook_SkipVariableSet_ExitsZeroWithOneLine()
    {
        WriteFakeHookguard(_bin);

        var result = RunHook(extra: new() { ["HOOKGUARD_SKIP"] = "1" });

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Is.EqualTo($"hookguard: HOOKGUARD_SKIP=1, {Name} scan skipped\n"));
        Assert.That(File.Exists(Path.Combine(_record, "args")), Is.False, "hookguard must not run when skipped");
    }

    [Test]
    public void Hook_SkipVariableOtherValue_DoesNotSkip()
    {
        var result = RunHook(extra: new() { ["HOOKGUARD_SKIP"] = "0" });

        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void Hook_HookguardNotInstalled_FailsClosedWithOneLine()
    {
        var result = RunHook();

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardOutput, Is.Empty);
        var lines = Lines(result.StandardError);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.StartWith("hookguard: not installed")
            .And.Contain("dotnet tool install --global HookGuard")
            .And.Contain($"git {HookTemplates.GitCommand(hook)} --no-verify")
            .And.Contain("HOOKGUARD_SKIP=1"));
    }

    [Test]
    public void Hook_HookguardOnPath_PassesArgumentsStdinAndExitCode()
    {
        // What git gives pre-push: the remote's name and URL as arguments, one line per pushed ref on stdin.
        // pre-commit gets neither from git, but must pass them on just the same.
        WriteFakeHookguard(_bin);
        const string refs =
            "refs/heads/main 1111111111111111111111111111111111111111 refs/heads/main 2222222222222222222222222222222222222222\n" +
            "refs/heads/topic 3333333333333333333333333333333333333333 refs/heads/topic 0000000000000000000000000000000000000000\n";

        var result = RunHook(["origin", "/srv/git/a repo.git"], standardInput: refs);

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(_record, "args")), Is.EqualTo($"hook\n{Name}\norigin\n/srv/git/a repo.git\n"));
        Assert.That(File.ReadAllText(Path.Combine(_record, "stdin")), Is.EqualTo(refs));
        Assert.That(result.StandardOutput, Is.EqualTo("fake stdout\n"));
    }

    [Test]
    public void Hook_HookguardOnPath_PassesStdinWithoutFinalNewlineByteForByte()
    {
        WriteFakeHookguard(_bin);

        var result = RunHook(standardInput: "line one\n\n  line three");

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(_record, "stdin")), Is.EqualTo("line one\n\n  line three"));
    }

    [Test]
    public void Hook_HookguardOnlyInDotnetTools_UsesIt()
    {
        WriteFakeHookguard(Path.Combine(_home, ".dotnet", "tools"));

        var result = RunHook();

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(_record, "args")), Is.EqualTo($"hook\n{Name}\n"));
    }

    [Test]
    public void Hook_OnlyHookguardExeInDotnetTools_UsesIt()
    {
        // Git for Windows' sh: the global tool is hookguard.exe.
        WriteFakeHookguard(Path.Combine(_home, ".dotnet", "tools"), "hookguard.exe");

        var result = RunHook();

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(_record, "args")), Is.EqualTo($"hook\n{Name}\n"));
    }

    [Test]
    public void Hook_HookguardInDotnetCliHomeTools_UsesIt()
    {
        var cliHome = Directory.CreateDirectory(Path.Combine(_scratch.FullName, "cli-home")).FullName;
        WriteFakeHookguard(Path.Combine(cliHome, ".dotnet", "tools"));

        var result = RunHook(extra: new() { ["DOTNET_CLI_HOME"] = cliHome });

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
    }

    [Test]
    public void Hook_HookguardOnPathAndInDotnetTools_RunsThePathOne()
    {
        WriteFakeHookguard(_bin);
        var tools = Path.Combine(_home, ".dotnet", "tools");
        Directory.CreateDirectory(tools);
        TestFiles.WriteWithMode(Path.Combine(tools, "hookguard"), "#!/bin/sh\nexit 42\n"u8.ToArray(), TestFiles.Executable);

        var result = RunHook();

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
    }

    /// <summary>A stand-in for the tool: records its arguments and stdin, prints a line, exits with <see cref="FakeExitCode"/>.</summary>
    private void WriteFakeHookguard(string directory, string fileName = "hookguard")
    {
        var cat = TestFiles.FindOnPath("cat") ?? throw new InvalidOperationException("cat is not on PATH");
        var script = $"""
            #!/bin/sh
            printf '%s\n' "$@" > '{_record}/args'
            '{cat}' > '{_record}/stdin'
            echo 'fake stdout'
            exit {FakeExitCode}

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
        TestFiles.WriteWithMode(Path.Combine(directory, fileName), System.Text.Encoding.UTF8.GetBytes(script), TestFiles.Executable);
    }

    private ProcessResult RunHook(string[]? arguments = null, string? standardInput = null, Dictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = _bin,
            ["HOME"] = _home,
            ["DOTNET_CLI_HOME"] = null,
            ["HOOKGUARD_SKIP"] = null,
        };
        foreach (var (name, value) in extra ?? [])
        {
            environment[name] = value;
        }

        return ProcessRunner.Run(_shellPath, [_script, .. arguments ?? []], _scratch.FullName, environment, standardInput);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
