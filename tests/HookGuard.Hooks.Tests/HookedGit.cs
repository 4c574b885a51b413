using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

/// <summary>Runs the real git command that fires a hook, so a test sees what git itself does with the installed script.</summary>
internal static class HookedGit
{
    /// <summary>
    /// pre-commit: commits a new file. pre-push: commits a new file without hooks, then pushes it to the bare
    /// remote <c>origin</c> (added on first use) as <paramref name="branch"/>. <paramref name="options"/> go to
    /// git commit or git push, e.g. <c>--no-verify</c>.
    /// </summary>
    public static ProcessResult Run(TempRepository repository, HookKind hook, string branch = "main", params string[] options)
    {
        var file = $"file-{Guid.NewGuid():N}.txt";
        repository.Write(file, "hello\n");
        repository.Stage(file);
        switch (hook)
        {
            case HookKind.PreCommit:
                return repository.Git(["commit", "--quiet", .. options, "-m", "hooked"]);
            case HookKind.PrePush:
                repository.Commit("to push");
                if (repository.Git("remote", "get-url", "origin").ExitCode != 0)
                {
                    repository.AddBareRemote();
                }

                return repository.Git(["push", "--quiet", .. options, "origin", $"HEAD:refs/heads/{branch}"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(hook), hook, "no git command for this hook");
        }
    }
}
