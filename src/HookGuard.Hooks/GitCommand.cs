using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using HookGuard.Detectors;

namespace HookGuard.Hooks;

/// <summary>Runs the git executable: installing hooks asks git itself where hooks and config live.</summary>
internal static class GitCommand
{
    /// <summary>Runs git; a non-zero exit code is returned, not thrown.</summary>
    /// <param name="workingDirectory">Where git runs.</param>
    /// <param name="environment">Variables to set (or, when null, remove) for git; the rest is inherited.</param>
    /// <param name="arguments">git's arguments.</param>
    /// <exception cref="HookGuardEnvironmentException">git cannot be started.</exception>
    public static GitResult Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
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
            return new GitResult(process.ExitCode, output, error.GetAwaiter().GetResult());
        }
        catch (Win32Exception ex)
        {
            throw new HookGuardEnvironmentException(
                $"git not found: {ex.Message}", ex, "install git and make sure `git` is on PATH");
        }
    }

    public static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? trimmed : trimmed[..newline]).TrimEnd('\r');
    }
}

/// <summary>What a git run returned.</summary>
internal sealed record GitResult(int ExitCode, string Output, string Error);
