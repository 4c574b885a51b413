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

    [TestCase(".config/dotnet-tools.json")]
    [TestCase("dotnet-tools.json")]
    public void Hook_ToolManifestPinsHookGuard_RunsThePinnedVersionThroughDotnet(string manifest)
    {
        // A global hookguard is there too: the pinned one must win, so the whole team runs one version.
        WriteFakeHookguard(_bin);
        WriteFakeHookguard(_bin, "dotnet");
        LinkIntoBin("grep");
        var manifestPath = Path.Combine(_scratch.FullName, manifest);
        Directory.CreateDirectory(Path.GetDirectoryName(manifestPath)!);
        File.WriteAllText(manifestPath, """
            {
              "version": 1,
              "isRoot": true,
              "tools": {
                "hookguard": { "version": "0.1.0", "commands": [ "hookguard" ], "rollForward": false }
              }
            }
            """);

        var result = RunHook(["origin", "url"], standardInput: "refs\n");

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(_record, "args")), Is.EqualTo($"tool\nrun\nhookguard\nhook\n{Name}\norigin\nurl\n"));
        Assert.That(File.ReadAllText(Path.Combine(_record, "stdin")), Is.EqualTo("refs\n"));
    }

    [Test]
    public void Hook_ToolManifestWithoutHookGuard_RunsTheGlobalTool()
    {
        WriteFakeHookguard(_bin);
        LinkIntoBin("grep");
        Directory.CreateDirectory(Path.Combine(_scratch.FullName, ".config"));
        File.WriteAllText(Path.Combine(_scratch.FullName, ".config", "dotnet-tools.json"),
            "{ \"version\": 1, \"tools\": { \"dotnet-ef\": { \"version\": \"9.0.0\", \"commands\": [\"dotnet-ef\"] } } }\n");

        var result = RunHook();

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
        Assert.That(File.ReadAllText(Path.Combine(_record, "args")), Is.EqualTo($"hook\n{Name}\n"));
    }

    [Test]
    public void Hook_ChainedHookFails_StopsWithItsExitCodeBeforeHookGuardRuns()
    {
        WriteFakeHookguard(_bin);
        TestFiles.WriteWithMode(_script + HookInstaller.ChainedSuffix, "#!/bin/sh\necho 'own hook failed' >&2\nexit 5\n"u8.ToArray(), TestFiles.Executable);

        var result = RunHook(standardInput: "refs\n");

        Assert.That(result.ExitCode, Is.EqualTo(5));
        Assert.That(result.StandardError, Is.EqualTo("own hook failed\n"));
        Assert.That(File.Exists(Path.Combine(_record, "args")), Is.False, "hookguard must not run after a failed chained hook");
    }

    [Test]
    public void Hook_ChainedHookPasses_BothSeeTheSameStdin()
    {
        WriteFakeHookguard(_bin);
        var cat = TestFiles.FindOnPath("cat")!;
        TestFiles.WriteWithMode(_script + HookInstaller.ChainedSuffix,
            System.Text.Encoding.UTF8.GetBytes($"#!/bin/sh\n'{cat}' > '{_record}/chained-stdin'\nexit 0\n"), TestFiles.Executable);
        const string refs = "refs/heads/a 1111111111111111111111111111111111111111 refs/heads/a 2222222222222222222222222222222222222222\nno final newline";

        var result = RunHook(standardInput: refs);

        Assert.That(result.ExitCode, Is.EqualTo(FakeExitCode), result.StandardError);
        // pre-push: each gets its own copy of git's refs. pre-commit: git gives no input, and the script passes
        // its stdin through untouched rather than copying it, so the first reader takes it all.
        Assert.That(File.ReadAllText(Path.Combine(_record, "chained-stdin")), Is.EqualTo(refs));
        Assert.That(File.ReadAllText(Path.Combine(_record, "stdin")), Is.EqualTo(hook == HookKind.PrePush ? refs : ""));
    }

    private void LinkIntoBin(string tool) =>
        File.CreateSymbolicLink(Path.Combine(_bin, tool), TestFiles.FindOnPath(tool) ?? throw new InvalidOperationException($"{tool} is not on PATH"));

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
