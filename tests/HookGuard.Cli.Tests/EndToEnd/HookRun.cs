using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// Runs a git command that triggers HookGuard's hooks and asserts the invariants every end-to-end run
/// must keep: a refused run changes nothing (HEAD, staged entries, working tree, hook files); any run
/// leaves the working tree and hook files as they were; and no token issued in this test run appears
/// in standard output or standard error.
/// </summary>
internal static class HookRun
{
    public static ProcessResult Git(TempRepository repository, params string[] arguments)
    {
        var before = RepositorySnapshot.Take(repository);

        var result = repository.Git(arguments);

        if (result.ExitCode != 0)
        {
            before.AssertUnchanged(repository);
        }
        else
        {
            before.AssertWorkingTreeAndHooksUnchanged(repository);
        }

        foreach (var token in Tool.IssuedTokens)
        {
            Assert.That(result.StandardOutput.Contains(token, StringComparison.Ordinal), Is.False, "a full token was printed on stdout");
            Assert.That(result.StandardError.Contains(token, StringComparison.Ordinal), Is.False, "a full token was printed on stderr");
        }

        return result;
    }
}
