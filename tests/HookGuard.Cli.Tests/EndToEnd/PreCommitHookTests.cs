using HookGuard.Detectors.Catalog;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>The user's path: install the hook, then `git commit` in a real repository.</summary>
[Category("EndToEnd")]
public class PreCommitHookTests
{
    private static readonly string[] CoreRules =
    [
        "intercom-access-token", "pagerduty-api-token", "scalr-api-access-token", "circleci-project-api-token", "clockwork-api-key",
    ];

    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = Tool.CreateInstalledRepository();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    private static string Line(string ruleId, string token) => ruleId switch
    {
        "pagerduty-api-token" => $"PAGERDUTY_API_TOKEN={token}",
        "clockwork-api-key" => $"api = clockwork.API('{token}')",
        _ => $"TOKEN={token}",
    };

    [TestCaseSource(nameof(CoreRules))]
    public void Commit_StagedCoreToken_IsBlockedWithRedactedFindingAndRemediation(string ruleId)
    {
        var token = Tool.Token(ruleId);
        _repo.Write("config/app.env", $"# settings\nTIMEOUT=30\n{Line(ruleId, token)}\n");
        _repo.Stage("config/app.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = HookRun.Git(_repo, "commit", "-m", "add config");

        Assert.That(commit.ExitCode, Is.Not.Zero, "the commit must be blocked");
        var output = commit.StandardOutput + commit.StandardError;
        Assert.That(output, Does.Not.Contain(token), "the full secret must never be printed");
        Assert.That(output, Does.Contain("config/app.env:3:"));
        Assert.That(output, Does.Contain($"hookguard explain {ruleId}"));
        Assert.That(output, Does.Contain($"{token[..Math.Min(4, token.Length / 5)]}**** ({token.Length} chars)"));
        // The three-line remediation summary, from this rule's own guidance.
        var rule = RuleCatalog.LoadEmbedded().Find(ruleId)!;
        Assert.That(output, Does.Contain(rule.Title));
        Assert.That(output, Does.Contain($"what:    {rule.Remediation.Summary}"));
        Assert.That(output, Does.Contain($"revoke:  {rule.Remediation.RevokeUrl}"));
        Assert.That(rule.Remediation.RevokeUrl, Does.StartWith("https://"));
        Assert.That(output, Does.Contain($"instead: read it from the environment variable {rule.Remediation.EnvVar} "));
        Assert.That(output, Does.Contain("git commit --no-verify").And.Contain("HOOKGUARD_SKIP=1"));
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_CleanChange_PassesSilently()
    {
        _repo.Write("src/app.py", "def add(a, b):\n    return a + b\n");
        _repo.Stage("src/app.py");

        var commit = HookRun.Git(_repo, "commit", "-q", "-m", "add app");

        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
        Assert.That(commit.StandardError, Is.Empty);
        Assert.That(_repo.Git("log", "--oneline").StandardOutput, Does.Contain("add app"));
    }

    [Test]
    public void Commit_WithHookGuardSkip_CommitsAndSaysItSkipped()
    {
        _repo.Write("a.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        _repo.Stage("a.env");
        _repo.SetEnvironment("HOOKGUARD_SKIP", "1");

        var commit = HookRun.Git(_repo, "commit", "-q", "-m", "deliberate");

        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
        Assert.That(commit.StandardError, Does.Contain("HOOKGUARD_SKIP=1"));
    }

    [Test]
    public void Commit_WithNoVerify_Commits()
    {
        _repo.Write("a.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\n");
        _repo.Stage("a.env");

        Assert.That(HookRun.Git(_repo, "commit", "-q", "--no-verify", "-m", "deliberate").ExitCode, Is.Zero);
    }

    [Test]
    public void Commit_TokenOnlyInWorkingTreeNotStaged_Passes()
    {
        // `git add -p` case: the index holds the clean version, the disk holds the token.
        _repo.Write("settings.yml", "retries: 3\n");
        _repo.Stage("settings.yml");
        _repo.Write("settings.yml", $"retries: 3\ncircle_token: {Tool.Token("circleci-legacy-api-token")}\n");

        var commit = HookRun.Git(_repo, "commit", "-q", "-m", "settings");

        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
    }

    [Test]
    public void Commit_TokenStagedThenRemovedFromWorkingTree_IsBlocked()
    {
        var token = Tool.Token("intercom-access-token");
        _repo.Write("settings.yml", $"intercom: {token}\n");
        _repo.Stage("settings.yml");
        _repo.Write("settings.yml", "intercom: ${INTERCOM_ACCESS_TOKEN}\n");

        var commit = HookRun.Git(_repo, "commit", "-m", "settings");

        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.StandardError, Does.Contain("settings.yml:1:11"));
    }

    [Test]
    public void CommitAll_TokenInTrackedFileNotYetStaged_IsBlocked()
    {
        // `git commit -a` runs the hook with a temporary index named in GIT_INDEX_FILE.
        _repo.Write("README.md", $"hello\nscalr: {Tool.Token("scalr-api-access-token")}\n");

        var commit = HookRun.Git(_repo, "commit", "-a", "-m", "docs");

        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.StandardError, Does.Contain("README.md:2:"));
    }

    [Test]
    public void CommitPath_TokenInNamedFile_IsBlocked()
    {
        _repo.Write("README.md", $"hello\nINTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n");

        var commit = HookRun.Git(_repo, "commit", "README.md", "-m", "docs");

        Assert.That(commit.ExitCode, Is.Not.Zero);
        Assert.That(commit.StandardError, Does.Contain("README.md:2:23"));
    }

    [Test]
    public void Commit_TokenAlreadyCommittedEarlierLineEdited_OnlyNewLinesScanned()
    {
        // A token that is already in history is not this commit's doing; the hook looks only at added lines.
        _repo.Write("old.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\nA=1\n");
        _repo.Stage("old.env");
        _repo.Commit("legacy");
        _repo.Write("old.env", $"CIRCLECI_TOKEN={Tool.Token("circleci-personal-api-token")}\nA=2\n");
        _repo.Stage("old.env");

        Assert.That(HookRun.Git(_repo, "commit", "-q", "-m", "bump").ExitCode, Is.Zero);
    }

    [Test]
    [Platform(Exclude = "Win")]
    public void Commit_FileNameWithTerminalEscape_IsBlockedAndPrintedEscaped()
    {
        // A crafted name could clear the screen and hide the block message if printed raw.
        var name = "esc\u001b[2Jname.env";
        _repo.Write(name, $"INTERCOM_ACCESS_TOKEN={Tool.Token("intercom-access-token")}\n");
        _repo.Stage(name);

        var commit = HookRun.Git(_repo, "commit", "-m", "crafted");

        Assert.That(commit.ExitCode, Is.Not.Zero);
        // Ordinal on purpose: culture-aware comparison ignores control characters and would "find" one anywhere.
        Assert.That(commit.StandardError.Contains('\u001b', StringComparison.Ordinal), Is.False);
        Assert.That(commit.StandardError, Does.Contain("esc\\x1b[2Jname.env:1:23"));
    }
}
