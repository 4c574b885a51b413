using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The pre-commit framework runs the entries of our <c>.pre-commit-hooks.yaml</c>. It is not installable on this
/// machine, so these tests run exactly what the framework would: each entry's command, and for pre-push the
/// variables the framework sets instead of passing git's stdin.
/// </summary>
public sealed class PreCommitFrameworkTests
{
    private static readonly string[] ExpectedEntries =
    [
        "entry: hookguard hook pre-commit", "stages: [pre-commit]",
        "entry: hookguard hook pre-push", "stages: [pre-push]",
    ];

    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    [Test]
    public void HooksFile_EveryEntry_IsARealHookGuardCommandForItsStage()
    {
        var entries = File.ReadAllLines(SourceTree.PathOf(".pre-commit-hooks.yaml"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("entry:", StringComparison.Ordinal) || line.StartsWith("stages:", StringComparison.Ordinal))
            .ToList();

        Assert.That(entries, Is.EqualTo(ExpectedEntries));
    }

    [Test]
    public void PreCommitEntry_StagedToken_Blocks()
    {
        _repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        _repo.Stage("deploy.env");

        var result = HookRun.Tool(_repo, ["hook", "pre-commit"]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError, Does.Contain("CircleCI personal API token"));
    }

    [Test]
    public void PrePushEntry_FrameworkVariablesNewBranch_ScansTheCommitsTheRemoteLacks()
    {
        _repo.AddBareRemote();
        _repo.Write("README.md", "hello\n");
        _repo.Stage("README.md");
        var published = _repo.Commit("published");
        _repo.Git("push", "--quiet", "--no-verify", "origin", "HEAD:refs/heads/main");
        _repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        _repo.Stage("deploy.env");
        var leaky = _repo.Commit("add deploy settings");

        var newBranch = Push(leaky, from: null);
        var knownRemote = Push(leaky, from: published);
        var nothingNew = Push(leaky, from: leaky);

        Assert.That(newBranch.ExitCode, Is.EqualTo(1), newBranch.StandardError);
        Assert.That(newBranch.StandardError, Does.Contain(leaky[..7]).And.Contain("add deploy settings"));
        Assert.That(knownRemote.ExitCode, Is.EqualTo(1), knownRemote.StandardError);
        Assert.That(nothingNew.ExitCode, Is.Zero, nothingNew.StandardError);
        Assert.That(nothingNew.StandardError, Does.Contain("nothing to scan"));
    }

    [Test]
    public void PrePushEntry_FrameworkAllFilesCase_ScansEverythingTheRemoteLacks()
    {
        // A new branch whose history reaches a root commit: the framework sets no FROM/TO, only the local ref and remote.
        _repo.AddBareRemote();
        _repo.Write("deploy.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        _repo.Stage("deploy.env");
        var leaky = _repo.Commit("add deploy settings");
        var environment = new Dictionary<string, string?>(_repo.Environment)
        {
            ["PRE_COMMIT"] = "1",
            ["PRE_COMMIT_LOCAL_BRANCH"] = "HEAD",
            ["PRE_COMMIT_REMOTE_BRANCH"] = "refs/heads/main",
            ["PRE_COMMIT_REMOTE_NAME"] = "origin",
        };

        var result = Tool.Run(_repo.Root, ["hook", "pre-push", "origin", "url"], "", environment);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.StandardError);
        Assert.That(result.StandardError, Does.Contain(leaky[..7]));
    }

    [Test]
    public void PrePushEntry_ToRefNotACommitId_Exit2AndBlocksWithTheUsualBypassLine()
    {
        var environment = new Dictionary<string, string?>(_repo.Environment) { ["PRE_COMMIT_TO_REF"] = "main" };

        var result = Tool.Run(_repo.Root, ["hook", "pre-push", "origin", "url"], "", environment);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        var lines = result.StandardError.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Contain("blocked").And.Contain("PRE_COMMIT_TO_REF is not a commit id"));
        Assert.That(lines[1], Does.Contain("--no-verify"));
    }

    private ProcessResult Push(string to, string? from)
    {
        var environment = new Dictionary<string, string?>(_repo.Environment)
        {
            ["PRE_COMMIT_TO_REF"] = to,
            ["PRE_COMMIT_FROM_REF"] = from,
            ["PRE_COMMIT_REMOTE_NAME"] = "origin",
            ["PRE_COMMIT_REMOTE_BRANCH"] = "refs/heads/topic",
            ["PRE_COMMIT_LOCAL_BRANCH"] = "refs/heads/topic",
        };
        return Tool.Run(_repo.Root, ["hook", "pre-push", "origin", "url"], "", environment);
    }
}
