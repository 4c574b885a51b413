using HookGuard.Detectors.Catalog;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

/// <summary>Runs the CLI: in process (fast, for output and exit codes) or as the real built tool.</summary>
internal static class Tool
{
    private static readonly Lazy<string> ShimDirectory = new(CreateShim);

    /// <summary>Runs <c>hookguard ARGS</c> in process with captured streams.</summary>
    public static ProcessResult Run(string workingDirectory, string[] args, string? stdin = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(
            workingDirectory,
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            new StringReader(stdin ?? ""),
            output,
            error,
            ErrorIsTerminal: false);
        var exitCode = CliApplication.Run(args, context);
        return new ProcessResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the real built tool as <c>hookguard ARGS</c> from the repository's PATH (see <see cref="PutOnPath"/>).</summary>
    public static ProcessResult RunInstalled(TempRepository repository, params string[] args) =>
        ProcessRunner.Run("sh", ["-c", "hookguard \"$@\"", "hookguard", .. args], repository.Root, repository.Environment);

    /// <summary>A repository with one commit and the hooks installed by the real tool on its PATH: where the user's path starts.</summary>
    public static TempRepository CreateInstalledRepository()
    {
        var repository = TempRepository.Create();
        PutOnPath(repository);
        repository.Write("README.md", "hello\n");
        repository.Stage("README.md");
        repository.Commit("initial");
        var install = RunInstalled(repository, "install");
        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
        return repository;
    }

    /// <summary>Puts a <c>hookguard</c> command that runs the built tool first on the repository's PATH, as an install would.</summary>
    public static void PutOnPath(TempRepository repository)
    {
        var path = repository.Environment.TryGetValue("PATH", out var current) && current is not null
            ? current
            : Environment.GetEnvironmentVariable("PATH");
        repository.SetEnvironment("PATH", ShimDirectory.Value + Path.PathSeparator + path);
    }

    /// <summary>The real tool on PATH, and a private HOME and config folder, so global installs and tool caches stay inside the test.</summary>
    public static void Isolate(TempRepository repository)
    {
        repository.SetEnvironment("HOME", repository.ScratchDirectory("home"));
        repository.SetEnvironment("XDG_CONFIG_HOME", repository.ScratchDirectory("config"));
        PutOnPath(repository);
    }

    /// <summary>Every token handed out in this test run, so end-to-end runs can assert none is ever printed.</summary>
    public static IReadOnlyCollection<string> IssuedTokens => Issued;

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Issued = [];

    /// <summary>A token for <paramref name="ruleId"/> built from the rule's sample shape (never stored in the repository).</summary>
    public static string Token(string ruleId, int seed = 1)
    {
        var token = SampleShape.Generate(RuleCatalog.LoadEmbedded().Find(ruleId)!.Sample, new Random(seed));
        Issued.Add(token);
        return token;
    }

    private static string CreateShim()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "hookguard.dll");
        Assert.That(File.Exists(dll), Is.True, $"built tool missing: {dll}");
        var directory = Path.Combine(Path.GetTempPath(), "hookguard-shim-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var shim = Path.Combine(directory, "hookguard");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet \"{dll}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return directory;
    }
}
