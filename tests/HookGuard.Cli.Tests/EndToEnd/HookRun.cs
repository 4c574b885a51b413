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

        AssertNoTokenPrinted(result);
        return result;
    }

    /// <summary>Runs <c>hookguard ARGS</c> in the repository; a scan never changes anything, whatever it finds.</summary>
    public static ProcessResult Tool(TempRepository repository, string[] arguments, string? standardInput = null)
    {
        var before = RepositorySnapshot.Take(repository);

        var result = Tests.Tool.Run(repository.Root, arguments, standardInput, repository.Environment);

        before.AssertUnchanged(repository);
        AssertNoTokenPrinted(result);
        return result;
    }

    private static void AssertNoTokenPrinted(ProcessResult result)
    {
        foreach (var token in Tests.Tool.IssuedTokens)
        {
            Assert.That(result.StandardOutput.Contains(token, StringComparison.Ordinal), Is.False, "a full token was printed on stdout");
            Assert.That(result.StandardError.Contains(token, StringComparison.Ordinal), Is.False, "a full token was printed on stderr");
        }
    }
}
