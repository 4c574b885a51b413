using System.Text.RegularExpressions;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// Living with the hook, through real <c>git commit</c> and <c>git push</c> runs with the installed hooks: inline allows,
/// the ignore file (before the commit exists and after history is rewritten), the baseline and the config.
/// </summary>
[Category("EndToEnd")]
public partial class IgnoreAndConfigTests
{
    private const string Rule = "circleci-personal-api-token";

    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = Tool.CreateInstalledRepository();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    private static string Setting(string token) => $"CIRCLECI_TOKEN={token}";

    private ProcessResult CommitFile(string path, string content, string message)
    {
        _repo.Write(path, content);
        _repo.Stage(path);
        return HookRun.Git(_repo, "commit", "-q", "-m", message);
    }

    /// <summary>The fingerprint in the block message's ignore command, as a developer would copy it.</summary>
    private static string PrintedFingerprint(ProcessResult blocked)
    {
        var command = IgnoreCommand().Match(blocked.StandardError);
        Assert.That(command.Success, Is.True, "the block message prints an ignore command:\n" + blocked.StandardError);
        return command.Groups["fingerprint"].Value;
    }

    [GeneratedRegex("hookguard ignore '(?<fingerprint>[^']+)' --reason")]
    private static partial Regex IgnoreCommand();

    [TestCase("# hookguard:allow")]
    [TestCase("// hookguard:allow test value")]
    [TestCase("/* HOOKGUARD:ALLOW */")]
    public void Commit_TokenLineWithHookGuardAllowComment_PassesAndSaysOneFindingWasAllowed(string comment)
    {
        var commit = CommitFile("config/app.env", $"TIMEOUT=30\n{Setting(Tool.Token(Rule))}  {comment}\n", "allowed");

        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
        Assert.That(commit.StandardError, Does.Contain("allowed 1 finding (1 by a hookguard:allow comment)"));
    }

    [Test]
    public void Commit_HookGuardAllowOnTheLineAbove_IsStillBlocked()
    {
        var commit = CommitFile("config/app.env", $"# hookguard:allow\n{Setting(Tool.Token(Rule))}\n", "not allowed");

        Assert.That(commit.ExitCode, Is.EqualTo(1), "the marker allows its own line only");
    }

    [Test]
    public void Commit_BlockedThenPrintedIgnoreCommandRun_PassesBeforeAnyCommitExistsAndRecordsWhyWhoAndWhen()
    {
        var content = $"TIMEOUT=30\n{Setting(Tool.Token(Rule))}\n";
        var blocked = CommitFile("config/app.env", content, "first try");
        Assert.That(blocked.ExitCode, Is.EqualTo(1));
        var fingerprint = PrintedFingerprint(blocked);

        var ignore = Tool.RunInstalled(_repo, "ignore", fingerprint, "--reason", "test fixture, revoked");
        var retry = HookRun.Git(_repo, "commit", "-q", "-m", "second try");

        Assert.That(ignore.ExitCode, Is.Zero, ignore.StandardError);
        Assert.That(retry.ExitCode, Is.Zero, retry.StandardError);
        Assert.That(retry.StandardError, Does.Contain("allowed 1 finding (1 in .hookguardignore)"));
        var entry = File.ReadAllLines(Path.Combine(_repo.Root, ".hookguardignore")).Single(line => !line.StartsWith('#'));
        Assert.That(entry, Does.Match(@$"^{Regex.Escape(fingerprint)}  # test fixture, revoked \(HookGuard Test <test@example\.invalid>, \d{{4}}-\d{{2}}-\d{{2}}\)$"));
    }

    [Test]
    public void IgnoredFinding_AfterMovingTheLineAmendSquashRebaseAndPush_StaysIgnored()
    {
        var token = Tool.Token(Rule);
        var blocked = CommitFile("config/app.env", $"{Setting(token)}\n", "token");
        Assert.That(Tool.RunInstalled(_repo, "ignore", PrintedFingerprint(blocked), "--reason", "fixture").ExitCode, Is.Zero);
        _repo.Stage(".hookguardignore");
        Assert.That(HookRun.Git(_repo, "commit", "-q", "-m", "token, ignored").ExitCode, Is.Zero);

        // Moved down two lines, then amended.
        _repo.Write("config/app.env", $"A=1\nB=2\n{Setting(token)}\n");
        _repo.Stage("config/app.env");
        Assert.That(HookRun.Git(_repo, "commit", "-q", "--amend", "-m", "moved").ExitCode, Is.Zero, "amend");

        // Squashed with another commit.
        Assert.That(CommitFile("other.txt", "x\n", "other").ExitCode, Is.Zero);
        _repo.Git("reset", "--soft", "HEAD~2");
        Assert.That(HookRun.Git(_repo, "commit", "-q", "-m", "squashed").ExitCode, Is.Zero, "squash");

        // Rebased onto a main that moved on, then pushed: the pre-push hook scans every pushed commit.
        _repo.AddBareRemote();
        _repo.Git("branch", "feature");
        _repo.Git("reset", "-q", "--hard", "HEAD~1");
        Assert.That(CommitFile("main.txt", "main moved\n", "main moves on").ExitCode, Is.Zero);
        _repo.Git("checkout", "-q", "feature");
        Assert.That(_repo.Git("rebase", "-q", "main").ExitCode, Is.Zero, "rebase");
        var push = HookRun.Git(_repo, "push", "-q", "origin", "main", "feature");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(push.StandardError, Does.Contain("in .hookguardignore"));
    }

    /// <summary>A token committed at <paramref name="path"/> with its finding ignored, the way a developer would: blocked, then the printed ignore command.</summary>
    private string CommitIgnoredToken(string path)
    {
        var token = Tool.Token(Rule);
        var blocked = CommitFile(path, $"{Setting(token)}\n", "token");
        Tool.RunInstalled(_repo, "ignore", PrintedFingerprint(blocked), "--reason", "fixture");
        Assert.That(HookRun.Git(_repo, "commit", "-q", "-m", "ignored").ExitCode, Is.Zero);
        return token;
    }

    [Test]
    public void IgnoredFinding_SameTokenInAnotherFile_IsBlocked()
    {
        var token = CommitIgnoredToken("config/app.env");

        var copied = CommitFile("deploy/prod.env", $"{Setting(token)}\n", "copied");

        Assert.That(copied.ExitCode, Is.EqualTo(1), "the fingerprint names the path: a copy elsewhere is a new leak");
    }

    [Test]
    public void Ignore_BadInput_Exit2WithOneLineAndNoFileWritten()
    {
        var token = Tool.Token(Rule);
        string[][] attempts =
        [
            ["ignore", token, "--reason", "pasted the token by mistake"],
            ["ignore", $"{Rule}:a.env:0123456789abcdef"],
            ["ignore", "no-such-rule:a.env:0123456789abcdef", "--reason", "x"],
            ["ignore", $"{Rule}:a.env:0123456789ABCDEF", "--reason", "x"],
        ];
        foreach (var attempt in attempts)
        {
            var result = Tool.RunInstalled(_repo, attempt);

            Assert.That(result.ExitCode, Is.EqualTo(2), string.Join(' ', attempt));
            Assert.That(result.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.StandardError);
            Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain(token));
        }

        Assert.That(File.Exists(Path.Combine(_repo.Root, ".hookguardignore")), Is.False);
    }

    [Test]
    public void BaselineCreate_RepositoryWithOldTokens_OnlyNewFindingsBlock()
    {
        // HookGuard adopted late: two tokens already committed (without the hook).
        var old = Tool.Token(Rule, seed: 2);
        _repo.Write("legacy/a.env", $"{Setting(old)}\n");
        _repo.Write("legacy/b.env", $"X=1\n{Setting(Tool.Token("github-personal-access-token", seed: 2))}\n");
        _repo.Stage("legacy/a.env", "legacy/b.env");
        _repo.Commit("legacy");

        var create = Tool.RunInstalled(_repo, "baseline", "create");
        var firstBytes = File.ReadAllBytes(Path.Combine(_repo.Root, ".hookguard-baseline"));
        Tool.RunInstalled(_repo, "baseline", "create");
        var secondBytes = File.ReadAllBytes(Path.Combine(_repo.Root, ".hookguard-baseline"));

        Assert.That(create.ExitCode, Is.Zero, create.StandardError);
        Assert.That(create.StandardOutput, Does.Contain("wrote 2 fingerprints").And.Contain("\"baseline\": \".hookguard-baseline\""));
        Assert.That(secondBytes, Is.EqualTo(firstBytes), "the same repository gives the same bytes: no timestamps, no churn");
        var entries = File.ReadAllLines(Path.Combine(_repo.Root, ".hookguard-baseline")).Where(line => !line.StartsWith('#')).ToList();
        Assert.That(entries, Has.Count.EqualTo(2).And.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(entries, Has.All.Matches<string>(e => Regex.IsMatch(e!, "^[a-z0-9-]+:legacy/[ab]\\.env:[0-9a-f]{16}$")), "fingerprints only");

        Assert.That(Tool.RunInstalled(_repo, "scan", "path", ".").ExitCode, Is.EqualTo(1), "without the baseline the old tokens are found");
        Assert.That(Tool.RunInstalled(_repo, "scan", "path", ".", "--baseline", ".hookguard-baseline").ExitCode, Is.Zero);

        _repo.Write(".hookguard.json", "{ \"baseline\": \".hookguard-baseline\" }\n");
        // The old token written again in its file keeps its fingerprint: allowed. A new one blocks.
        var sameOld = CommitFile("legacy/a.env", $"# moved\n{Setting(old)}\n", "touch legacy");
        var fresh = CommitFile("src/new.env", $"{Setting(Tool.Token(Rule, seed: 3))}\n", "new token");

        Assert.That(sameOld.ExitCode, Is.Zero, sameOld.StandardError);
        Assert.That(fresh.ExitCode, Is.EqualTo(1), "a new finding blocks");
        Assert.That(Tool.RunInstalled(_repo, "scan", "history").ExitCode, Is.Zero, "history holds only baselined findings");
    }

    [Test]
    public void BaselineCreate_FromHistory_ListsATokenRemovedSince()
    {
        _repo.Write("old.env", $"{Setting(Tool.Token(Rule, seed: 4))}\n");
        _repo.Stage("old.env");
        _repo.Commit("leak");
        _repo.Git("rm", "-q", "old.env");
        _repo.Commit("remove leak");

        var fromTree = Tool.RunInstalled(_repo, "baseline", "create", "--output", "tree.txt");
        var fromHistory = Tool.RunInstalled(_repo, "baseline", "create", "--from", "history", "--output", "history.txt");

        Assert.That(fromTree.StandardOutput, Does.Contain("wrote 0 fingerprints"));
        Assert.That(fromHistory.StandardOutput, Does.Contain("wrote 1 fingerprint "));
        Assert.That(Tool.RunInstalled(_repo, "scan", "history").ExitCode, Is.EqualTo(1));
        Assert.That(Tool.RunInstalled(_repo, "scan", "history", "--baseline", "history.txt").ExitCode, Is.Zero);
        Assert.That(Tool.RunInstalled(_repo, "baseline", "create", "--from", "yesterday").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Commit_WithBrokenConfig_IsBlockedWithOneLineNamingFileAndLine()
    {
        _repo.Write(".hookguard.json", "{\n  \"exclude\": [\"*.lock\"],\n  \"disabel\": [\"x\"]\n}\n");

        var commit = CommitFile("src/clean.txt", "nothing secret\n", "clean change");

        Assert.That(commit.ExitCode, Is.Not.Zero, "a hook that cannot apply the config blocks rather than scan with half of it");
        Assert.That(commit.StandardError, Does.Contain(".hookguard.json:3: unknown setting 'disabel'"));
        Assert.That(commit.StandardError, Does.Contain("cannot scan this commit, so it is blocked"));
    }

    [Test]
    public void Commit_RuleDisabledInConfig_Passes()
    {
        _repo.Write(".hookguard.json", $"{{ \"disableRules\": [\"{Rule}\"] }}\n");

        var commit = CommitFile("a.env", $"{Setting(Tool.Token(Rule))}\n", "disabled rule");

        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
    }

    [Test]
    public void Commit_ExcludedPath_PassesWhileTheSameTokenElsewhereBlocks()
    {
        _repo.Write(".hookguard.json", "{ \"exclude\": [\"testdata\", \"*.snap\"] }\n");
        var token = Tool.Token(Rule);

        var excluded = CommitFile("src/testdata/fixture.env", $"{Setting(token)}\n", "fixture");
        var snapshot = CommitFile("ui/__snapshots__/view.snap", $"{Setting(token)}\n", "snapshot");
        var elsewhere = CommitFile("src/app.env", $"{Setting(token)}\n", "real");

        Assert.That(excluded.ExitCode, Is.Zero, excluded.StandardError);
        Assert.That(snapshot.ExitCode, Is.Zero, snapshot.StandardError);
        Assert.That(elsewhere.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void Commit_RenameOutOfAnExcludedFolder_IsBlockedAsANewFile()
    {
        // A rename adds only its changed lines, except from a file whose lines were never checked.
        _repo.Write(".hookguard.json", "{ \"exclude\": [\"testdata\"] }\n");
        var token = Tool.Token(Rule);
        Assert.That(CommitFile("src/testdata/fixture.env", $"{Setting(token)}\n", "fixture").ExitCode, Is.Zero);
        Assert.That(_repo.Git("mv", "src/testdata/fixture.env", "src/app.env").ExitCode, Is.Zero);
        var before = RepositorySnapshot.Take(_repo);

        var moved = HookRun.Git(_repo, "commit", "-m", "use the fixture for real");

        Assert.That(moved.ExitCode, Is.EqualTo(1), moved.StandardError);
        Assert.That(moved.StandardError, Does.Contain("src/app.env:1:"));
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_RenameOfFileWithAnIgnoredFinding_IsBlockedAtTheNewPath()
    {
        var token = CommitIgnoredToken("config/app.env");
        Directory.CreateDirectory(Path.Combine(_repo.Root, "deploy"));
        Assert.That(_repo.Git("mv", "config/app.env", "deploy/prod.env").ExitCode, Is.Zero);

        var moved = HookRun.Git(_repo, "commit", "-m", "move");

        Assert.That(moved.ExitCode, Is.EqualTo(1), "the ignore names the old path: at the new one the token is a new finding");
        Assert.That(moved.StandardError, Does.Contain("deploy/prod.env:1:"));
    }

    [Test]
    public void Commit_CustomRuleToken_IsBlockedAndExplainShowsItsGuide()
    {
        _repo.Write(".hookguard.json", CustomRuleConfig);
        var token = "acme_" + new string([.. Enumerable.Range(0, 32).Select(i => "abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7 + 3) % 36])]);

        var commit = CommitFile("a.py", $"client = Acme(\"{token}\")\n", "custom token");
        var explain = Tool.RunInstalled(_repo, "explain", "acme-internal-token");

        Assert.That(commit.ExitCode, Is.EqualTo(1));
        Assert.That(commit.StandardError, Does.Contain("a.py:1:").And.Contain("ACME internal token").And.Not.Contain(token));
        Assert.That(explain.ExitCode, Is.Zero, explain.StandardError);
        Assert.That(explain.StandardOutput, Does.Contain("https://acme.example.invalid/tokens").And.Contain("ACME_TOKEN"));
    }

    private const string CustomRuleConfig = """
        {
          // Our internal token; revoked on the intranet.
          "customRules": [
            {
              "provider": "ACME",
              "rules": [
                {
                  "id": "acme-internal-token",
                  "title": "ACME internal token",
                  "keywords": ["acme_"],
                  "pattern": "\\b(?<secret>acme_[a-z0-9]{32})\\b",
                  "remediation": {
                    "envVar": "ACME_TOKEN",
                    "summary": "ACME internal API token: full access to the internal API.",
                    "revokeUrl": "https://acme.example.invalid/tokens",
                  },
                },
              ],
            },
          ],
        }
        """;

    [Test]
    public void Config_InTheFolderAboveTheRepository_AppliesAndConfigOptionOverridesIt()
    {
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_repo.Root)!, ".hookguard.json"), $"{{ \"disableRules\": [\"{Rule}\"] }}\n");
        _repo.Write("strict.json", "{}\n");
        _repo.Write("a.env", $"{Setting(Tool.Token(Rule))}\n");

        var found = Tool.RunInstalled(_repo, "scan", "path", "a.env");
        var overridden = Tool.RunInstalled(_repo, "scan", "path", "a.env", "--config", "strict.json");
        var missing = Tool.RunInstalled(_repo, "scan", "path", "a.env", "--config", "nope.json");

        Assert.That(found.ExitCode, Is.Zero, "the config above the repository root disables the rule");
        Assert.That(overridden.ExitCode, Is.EqualTo(1), "--config replaces the config found by walking up");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.StandardError, Does.Contain("config file not found"));
    }

    [Test]
    public void Config_MaxFileSize_WinsOverGitConfigAndSkipsTheLargerFile()
    {
        _repo.Git("config", "hookguard.maxFileSize", "10m");
        _repo.Write(".hookguard.json", "{ \"maxFileSize\": \"1k\" }\n");

        var commit = CommitFile("big.env", new string('#', 2000) + $"\n{Setting(Tool.Token(Rule))}\n", "big file");

        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
        Assert.That(commit.StandardError, Does.Contain("skipped 1 file over the 1 KB limit (maxFileSize in .hookguard.json): big.env"));
    }

    [Test]
    public void Status_NamesTheConfigInEffectAndWarnsWhenItIsBroken()
    {
        var none = Tool.RunInstalled(_repo, "status");
        _repo.Write(".hookguard.json", "{ \"exclude\": [\"testdata\"] }\n");
        var good = Tool.RunInstalled(_repo, "status");
        _repo.Write(".hookguard.json", "{ \"exclude\": \"testdata\" }\n");
        var broken = Tool.RunInstalled(_repo, "status");

        Assert.That(none.StandardOutput, Does.Contain("config: none"));
        Assert.That(good.StandardOutput, Does.Contain($"config: {Path.Combine(_repo.Root, ".hookguard.json")}"));
        Assert.That(broken.StandardOutput, Does.Contain("warning: the config has a problem").And.Contain(".hookguard.json:1:"));
    }
}
