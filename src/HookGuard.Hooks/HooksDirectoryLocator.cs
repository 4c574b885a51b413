using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using HookGuard.Detectors;

namespace HookGuard.Hooks;

/// <summary>
/// Asks git which hooks directory it will use for a repository. git's own answer honours
/// <c>core.hooksPath</c>, linked worktrees (hooks live in the common directory) and <c>GIT_DIR</c>.
/// </summary>
internal static class HooksDirectoryLocator
{
    /// <summary>The full path of the hooks directory git uses for the repository at <paramref name="repositoryDirectory"/>.</summary>
    /// <param name="repositoryDirectory">Any directory inside the repository's work tree.</param>
    /// <param name="environment">Variables to set (or, when null, remove) for git; the rest is inherited.</param>
    /// <exception cref="HookGuardEnvironmentException">Not a git repository, a bare repository, or git cannot run.</exception>
    public static string Locate(string repositoryDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var directory = Path.GetFullPath(repositoryDirectory);
        if (!Directory.Exists(directory))
        {
            throw new HookGuardEnvironmentException($"not a git repository: {directory} (no such directory)");
        }

        var (exitCode, output, error) = RunGit(directory, environment, "rev-parse", "--is-bare-repository", "--git-path", "hooks");
        if (exitCode != 0)
        {
            if (error.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
            {
                throw new HookGuardEnvironmentException(
                    $"not a git repository: {directory}",
                    "run it inside a git work tree, or pass --repo DIR");
            }

            throw new HookGuardEnvironmentException(
                $"git rev-parse failed in {directory} (exit code {exitCode}): {FirstLine(error)}");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 2)
        {
            throw new HookGuardEnvironmentException($"unexpected answer from git rev-parse in {directory}: {FirstLine(output)}");
        }

        if (lines[0] == "true")
        {
            throw new HookGuardEnvironmentException(
                $"bare repository: {directory} (no commits are made in it, so its hooks would never run)",
                "install into a clone that has a work tree");
        }

        // A relative answer is relative to the directory git ran in (git already adjusts a relative core.hooksPath).
        return Path.GetFullPath(Path.Combine(directory, lines[1]));
    }

    private static (int ExitCode, string Output, string Error) RunGit(
        string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(name);
                }
                else
                {
                    startInfo.Environment[name] = value;
                }
            }
        }

        try
        {
            using var process = Process.Start(startInfo)
                ?? throw new HookGuardEnvironmentException("git could not be started");
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.GetAwaiter().GetResult());
        }
        catch (Win32Exception ex)
        {
            throw new HookGuardEnvironmentException(
                $"git not found: {ex.Message}", ex, "install git and make sure `git` is on PATH");
        }
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var newline = trimmed.IndexOf('\n');
        return (newline < 0 ? trimmed : trimmed[..newline]).TrimEnd('\r');
    }
}
