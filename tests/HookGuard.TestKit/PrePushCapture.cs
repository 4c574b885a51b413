namespace HookGuard.TestKit;

/// <summary>What git hands a pre-push hook: its two arguments and its stdin.</summary>
/// <param name="Remote">The hook's first argument: the remote's name, or its URL when the push named a URL.</param>
/// <param name="Url">The hook's second argument: the URL pushed to.</param>
/// <param name="Input">The hook's stdin, one line per ref pushed.</param>
public sealed record PrePushInvocation(string Remote, string Url, string Input);

public static class PrePushCapture
{
    /// <summary>
    /// Runs <c>git push</c> with <paramref name="pushArguments"/> through a pre-push hook that records its arguments and
    /// stdin and then blocks, so nothing is pushed; the hook is removed again. Fails if git did not run the hook.
    /// </summary>
    public static PrePushInvocation CapturePrePush(this TempRepository repository, params string[] pushArguments)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var gitDirectory = repository.Git("rev-parse", "--absolute-git-dir").StandardOutput.Trim();
        var hook = Path.Combine(gitDirectory, "hooks", "pre-push");
        var capture = Path.Combine(Path.GetDirectoryName(repository.Root)!, $"pre-push-{Guid.NewGuid():N}");
        if (File.Exists(hook))
        {
            throw new InvalidOperationException($"a pre-push hook already exists: {hook}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        File.WriteAllText(hook, "#!/bin/sh\nprintf '%s\\n%s\\n' \"$1\" \"$2\" > \"$HOOKGUARD_TEST_CAPTURE.args\"\ncat > \"$HOOKGUARD_TEST_CAPTURE.input\"\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        repository.SetEnvironment("HOOKGUARD_TEST_CAPTURE", capture);
        try
        {
            var result = repository.Git(["push", .. pushArguments]);
            if (result.ExitCode == 0 || !File.Exists(capture + ".input"))
            {
                throw new InvalidOperationException($"git push {string.Join(' ', pushArguments)} did not run the pre-push hook: {result.StandardError}");
            }

            var arguments = File.ReadAllText(capture + ".args").Split('\n');
            return new PrePushInvocation(arguments[0], arguments[1], File.ReadAllText(capture + ".input"));
        }
        finally
        {
            repository.SetEnvironment("HOOKGUARD_TEST_CAPTURE", null);
            File.Delete(hook);
            File.Delete(capture + ".args");
            File.Delete(capture + ".input");
        }
    }
}
