using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The CI recipes of docs/ci.md: the script between each recipe's "scan (begin)" and "scan (end)" lines is read
/// from the page and run with sh and the real tool, in a checkout laid out as that CI lays it out (the refs it
/// fetches, what HEAD is) and with the variables that CI sets. The project: a bare origin whose main holds tokens
/// from before and after the feature branch started, and a feature branch of three commits, the second of which
/// adds a token when the test wants a leak.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CiRecipeTests
{
    private const string Document = "docs/ci.md";
    private const string Begin = "# --- hookguard: scan (begin) ---";
    private const string End = "# --- hookguard: scan (end) ---";
    private const string GitHub = "## GitHub Actions";
    private const string GitLab = "## GitLab CI";
    private const string Azure = "## Azure Pipelines";
    private const string Rule = "circleci-personal-api-token";
    private const string RuleTitle = "CircleCI personal API token";
    private const string Zeros = "0000000000000000000000000000000000000000";
    private const string Report = "hookguard.sarif";
    private const string PullRequestRef = "refs/pull/1/merge";

    // Every variable a recipe reads: unset unless a test sets it, so a CI that runs this suite leaks none of its own.
    private static readonly string[] CiVariables =
    [
        "GITHUB_EVENT_NAME", "GITHUB_BASE_REF", "GITHUB_REF_NAME", "BEFORE", "DEFAULT_BRANCH",
        "CI_PIPELINE_SOURCE", "CI_MERGE_REQUEST_TARGET_BRANCH_SHA", "CI_MERGE_REQUEST_DIFF_BASE_SHA",
        "CI_COMMIT_BEFORE_SHA", "CI_COMMIT_REF_NAME", "CI_DEFAULT_BRANCH",
        "BUILD_REASON", "SYSTEM_PULLREQUEST_TARGETBRANCH", "BUILD_SOURCEBRANCH", "HOOKGUARD_DEFAULT_BRANCH",
    ];

    private readonly List<TempRepository> _checkouts = [];
    private TempRepository _developer = null!;
    private TempRepository _origin = null!;

    [SetUp]
    public void SetUp()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("the recipes are POSIX sh, run on Linux CI machines");
        }

        _developer = TempRepository.Create();
        _origin = _developer.AddBareRemote();
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var checkout in _checkouts)
        {
            checkout.Dispose();
        }

        _checkouts.Clear();
        _developer?.Dispose();
    }

    [Test]
    public void GitHubPullRequest_TokenInAPullRequestCommit_FailsAndReportsIt()
    {
        var project = Push(leakyFeature: true);
        var ci = Checkout(PullRequestRef);

        var run = RunRecipe(GitHub, ci, PullRequestOnGitHub());

        AssertScanned(run, 1, project.PullRequestCommits);
        AssertReportsTheFeatureToken(run);
    }

    [Test]
    public void GitHubPullRequest_TokensOnlyInTheBaseBranchHistory_Passes()
    {
        var project = Push(leakyFeature: false);
        var ci = Checkout(PullRequestRef);

        var run = RunRecipe(GitHub, ci, PullRequestOnGitHub());

        AssertScanned(run, 0, project.PullRequestCommits, "the merge brings main's newer commit into HEAD's tree, not into the range");
    }

    [Test]
    public void GitHubPullRequest_ShallowCheckout_FetchesTheHistoryAndScansOnlyThePullRequest()
    {
        var project = Push(leakyFeature: false);
        var ci = Checkout(PullRequestRef, depth: 1, branches: false);
        Assert.That(IsShallow(ci), Is.True);

        var run = RunRecipe(GitHub, ci, PullRequestOnGitHub());

        AssertScanned(run, 0, project.PullRequestCommits);
        Assert.That(IsShallow(ci), Is.False);
    }

    [TestCase(0, 1, TestName = "GitHubPush_BeforeIsAnOlderCommit_ScansTheNewCommitsAndFailsOnTheToken")]
    [TestCase(1, 0, TestName = "GitHubPush_TokenWasInAnEarlierPush_ScansOnlyTheNewCommitAndPasses")]
    public void GitHubPush_BeforeAndAfter(int before, int expectedExitCode)
    {
        var project = Push(leakyFeature: true);
        var ci = Checkout("refs/heads/feature");

        var run = RunRecipe(GitHub, ci, PushOnGitHub(project.Feature[before], "feature"));

        AssertScanned(run, expectedExitCode, project.Feature.Skip(before + 1));
    }

    [TestCase(Zeros, TestName = "GitHubPush_NewBranch_ScansWhatTheDefaultBranchLacks")]
    [TestCase("1234567890abcdef1234567890abcdef12345678", TestName = "GitHubPush_ForcePushOverACommitTheCheckoutLacks_ScansWhatTheDefaultBranchLacks")]
    public void GitHubPush_NoUsableBefore(string before)
    {
        var project = Push(leakyFeature: true);
        var ci = Checkout("refs/heads/feature");

        var run = RunRecipe(GitHub, ci, PushOnGitHub(before, "feature"));

        AssertScanned(run, 1, project.Feature);
        AssertReportsTheFeatureToken(run);
    }

    [Test]
    public void GitHubPush_FirstPushOfTheDefaultBranch_ScansEverythingReachable()
    {
        var project = Push(leakyFeature: false);
        var ci = Checkout("refs/heads/main");

        var run = RunRecipe(GitHub, ci, PushOnGitHub(Zeros, "main"));

        AssertScanned(run, 1, project.Main);
        Assert.That(run.Log, Does.Contain("config/legacy.env").And.Contain("ops/old.env"));
    }

    [Test]
    public void GitLabMergeRequest_TokenInTheSourceBranch_FailsAndReportsIt()
    {
        var project = Push(leakyFeature: true);
        Git(_developer, "push", "--quiet", "origin", "feature:refs/merge-requests/1/head");
        // A merge request pipeline fetches the merge request's ref alone; HEAD is the source branch's last commit.
        var ci = Checkout("refs/merge-requests/1/head", branches: false);

        var run = RunRecipe(GitLab, ci, MergeRequestOnGitLab(project.BranchPoint, targetBranchSha: ""));

        AssertScanned(run, 1, project.Feature);
        AssertReportsTheFeatureToken(run);
    }

    [Test]
    public void GitLabMergedResults_CleanMergeRequest_PassesThoughTheTargetBranchMovedOnWithAToken()
    {
        var project = Push(leakyFeature: false);
        Git(_developer, "push", "--quiet", "origin", $"{project.Merge}:refs/merge-requests/1/merge");
        var ci = Checkout("refs/merge-requests/1/merge", branches: false);

        var run = RunRecipe(GitLab, ci, MergeRequestOnGitLab(project.BranchPoint, targetBranchSha: project.Main[^1]));

        AssertScanned(run, 0, project.PullRequestCommits, "the diff base alone would take in main's newer commit");
    }

    [TestCase(-1, TestName = "GitLabBranchPipeline_NewBranch_FetchesTheDefaultBranchAndScansWhatItLacks")]
    [TestCase(0, TestName = "GitLabBranchPipeline_BeforeIsKnown_ScansTheCommitsThePushAdded")]
    public void GitLabBranchPipeline(int before)
    {
        var project = Push(leakyFeature: true);
        // A branch pipeline fetches its own branch only: there is no origin/main until the script fetches it.
        var ci = Checkout("+refs/heads/feature:refs/remotes/origin/feature", branches: false);

        var run = RunRecipe(GitLab, ci, new()
        {
            ["CI_PIPELINE_SOURCE"] = "push",
            ["CI_COMMIT_BEFORE_SHA"] = before < 0 ? Zeros : project.Feature[before],
            ["CI_COMMIT_REF_NAME"] = "feature",
            ["CI_DEFAULT_BRANCH"] = "main",
        });

        AssertScanned(run, 1, project.Feature.Skip(before + 1));
        AssertReportsTheFeatureToken(run);
    }

    [TestCase("refs/heads/main", true, 1, TestName = "AzurePullRequest_AzureReposTargetBranch_FailsOnATokenInThePullRequest")]
    [TestCase("main", false, 0, TestName = "AzurePullRequest_GitHubTargetBranch_CleanPullRequestPasses")]
    public void AzurePullRequest(string targetBranch, bool leaky, int expectedExitCode)
    {
        var project = Push(leaky);
        var ci = Checkout(PullRequestRef);

        var run = RunRecipe(Azure, ci, new()
        {
            ["BUILD_REASON"] = "PullRequest",
            ["SYSTEM_PULLREQUEST_TARGETBRANCH"] = targetBranch,
            ["BUILD_SOURCEBRANCH"] = PullRequestRef,
            ["HOOKGUARD_DEFAULT_BRANCH"] = "main",
        });

        AssertScanned(run, expectedExitCode, project.PullRequestCommits);
    }

    [TestCase("refs/heads/feature", TestName = "AzureCiBuild_FeatureBranch_ScansWhatTheDefaultBranchLacks")]
    [TestCase("refs/heads/main", TestName = "AzureCiBuild_DefaultBranch_ScansEverythingReachable")]
    public void AzureCiBuild(string sourceBranch)
    {
        var project = Push(leakyFeature: true);
        var ci = Checkout(sourceBranch);

        var run = RunRecipe(Azure, ci, new()
        {
            ["BUILD_REASON"] = "IndividualCI",
            ["BUILD_SOURCEBRANCH"] = sourceBranch,
            ["HOOKGUARD_DEFAULT_BRANCH"] = "main",
        });

        AssertScanned(run, 1, sourceBranch == "refs/heads/main" ? project.Main : project.Feature);
    }

    [Test]
    public void AzurePullRequest_ShallowCheckout_StopsWithExit3AndSaysWhatToSet()
    {
        var project = Push(leakyFeature: true);
        var ci = Checkout(PullRequestRef, depth: 1, branches: false);
        Assert.That(IsShallow(ci), Is.True);

        var script = RecipeScript(Azure);
        var result = RunScript(script, ci, new() { ["BUILD_REASON"] = "PullRequest", ["SYSTEM_PULLREQUEST_TARGETBRANCH"] = "refs/heads/main" });

        Assert.That(result.ExitCode, Is.EqualTo(3), result.StandardOutput + result.StandardError);
        Assert.That(result.StandardError, Does.Contain("fetchDepth: 0"));
    }

    [TestCase(GitHub)]
    [TestCase(GitLab)]
    [TestCase(Azure)]
    public void Recipe_ParsedAsYaml_TheScanStepRunsExactlyTheTestedScript(string heading)
    {
        // PyYAML comes with Debian's pre-commit package (which .ci/run installs when it can); no parser is added for this.
        var probe = ProcessRunner.Run("python3", ["-c", "import yaml"], Path.GetTempPath());
        if (probe.ExitCode != 0)
        {
            Assert.Ignore("python3 with PyYAML is not installed here");
        }

        const string FindScript = """
            import sys, yaml
            def strings(node):
                if isinstance(node, dict):
                    for value in node.values():
                        yield from strings(value)
                elif isinstance(node, list):
                    for value in node:
                        yield from strings(value)
                elif isinstance(node, str):
                    yield node
            found = [s for s in strings(yaml.safe_load(sys.stdin)) if sys.argv[1] in s]
            sys.stdout.write(found[0] if len(found) == 1 else "expected one scan step, found %d" % len(found))
            """;

        var parsed = ProcessRunner.Run("python3", ["-c", FindScript, Begin], Path.GetTempPath(), standardInput: DocumentedSnippet.Read(Document, heading, "yaml"));

        Assert.That(parsed.ExitCode, Is.Zero, parsed.StandardError);
        Assert.That(parsed.StandardOutput, Is.EqualTo(DocumentedScript(heading)));
    }

    private static Dictionary<string, string?> PullRequestOnGitHub() => new()
    {
        ["GITHUB_EVENT_NAME"] = "pull_request",
        ["GITHUB_BASE_REF"] = "main",
        ["GITHUB_REF_NAME"] = "1/merge",
        ["BEFORE"] = "",
        ["DEFAULT_BRANCH"] = "main",
    };

    private static Dictionary<string, string?> PushOnGitHub(string before, string branch) => new()
    {
        ["GITHUB_EVENT_NAME"] = "push",
        ["GITHUB_REF_NAME"] = branch,
        ["GITHUB_BASE_REF"] = "",
        ["BEFORE"] = before,
        ["DEFAULT_BRANCH"] = "main",
    };

    /// <summary>A merge request pipeline; GitLab sets the target branch's commit only in merged results pipelines.</summary>
    private static Dictionary<string, string?> MergeRequestOnGitLab(string diffBase, string targetBranchSha) => new()
    {
        ["CI_PIPELINE_SOURCE"] = "merge_request_event",
        ["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = diffBase,
        ["CI_MERGE_REQUEST_TARGET_BRANCH_SHA"] = targetBranchSha,
        ["CI_COMMIT_BEFORE_SHA"] = Zeros,
        ["CI_COMMIT_REF_NAME"] = "feature",
        ["CI_DEFAULT_BRANCH"] = "main",
    };

    /// <summary>
    /// main: a readme, then a token in config/legacy.env; feature starts there with three commits (the second adds
    /// deploy.env, with a token when <paramref name="leakyFeature"/>); then main moves on with another token in
    /// ops/old.env. Both branches are pushed, and the pull request's merge (feature into main, as GitHub and Azure
    /// make it) is pushed as refs/pull/1/merge.
    /// </summary>
    private Project Push(bool leakyFeature)
    {
        var readme = CommitFile("README.md", "# demo\n", "readme");
        var branchPoint = CommitFile("config/legacy.env", $"CIRCLECI_TOKEN={Tool.Token(Rule, seed: 2)}\n", "legacy settings");
        Git(_developer, "checkout", "--quiet", "-b", "feature");
        string[] feature =
        [
            CommitFile("src/app.txt", "one\n", "feature, part one"),
            CommitFile("deploy.env", leakyFeature ? $"CIRCLECI_TOKEN={Tool.Token(Rule)}\n" : "CIRCLECI_TOKEN=${CIRCLECI_TOKEN}\n", "add deploy settings"),
            CommitFile("src/app.txt", "one\ntwo\n", "feature, part two"),
        ];
        Git(_developer, "checkout", "--quiet", "main");
        var mainMovedOn = CommitFile("ops/old.env", $"CIRCLECI_TOKEN={Tool.Token(Rule, seed: 3)}\n", "ops settings");
        Git(_developer, "push", "--quiet", "origin", "main", "feature");

        Git(_developer, "checkout", "--quiet", "--detach", "main");
        Git(_developer, "merge", "--quiet", "--no-ff", "--no-edit", "feature");
        var merge = Git(_developer, "rev-parse", "HEAD").Trim();
        Git(_developer, "push", "--quiet", "origin", "HEAD:" + PullRequestRef);
        Git(_developer, "checkout", "--quiet", "main");
        return new Project([readme, branchPoint, mainMovedOn], feature, branchPoint, merge);
    }

    private string CommitFile(string path, string content, string message)
    {
        _developer.Write(path, content);
        _developer.Stage(path);
        return _developer.Commit(message);
    }

    /// <summary>
    /// A checkout as the CI makes it: init, origin, the branches (unless <paramref name="branches"/> is false), then
    /// <paramref name="fetchRef"/> fetched and checked out detached; <paramref name="depth"/> makes it shallow.
    /// </summary>
    private TempRepository Checkout(string fetchRef, int depth = 0, bool branches = true)
    {
        var ci = TempRepository.Create();
        _checkouts.Add(ci);
        string[] shallow = depth > 0 ? [$"--depth={depth}"] : [];
        Git(ci, "remote", "add", "origin", "file://" + _origin.Root);
        if (branches)
        {
            Git(ci, ["fetch", "--quiet", .. shallow, "origin", "+refs/heads/*:refs/remotes/origin/*"]);
        }

        Git(ci, ["fetch", "--quiet", .. shallow, "origin", fetchRef]);
        Git(ci, "checkout", "--quiet", "--detach", "FETCH_HEAD");
        Tool.PutOnPath(ci);
        return ci;
    }

    private static RecipeRun RunRecipe(string heading, TempRepository ci, Dictionary<string, string?> variables)
    {
        var result = RunScript(RecipeScript(heading), ci, variables);
        var log = result.StandardOutput + result.StandardError;
        var announced = result.StandardOutput.Split('\n').Where(line => line.StartsWith("hookguard: scanning ", StringComparison.Ordinal)).ToList();
        Assert.That(announced, Has.Count.EqualTo(1), log);
        var range = announced[0]["hookguard: scanning ".Length..];
        var commits = ci.Git("rev-list", range).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var reportPath = Path.Combine(ci.Root, Report);
        var report = File.Exists(reportPath) ? File.ReadAllText(reportPath) : null;
        foreach (var token in Tool.IssuedTokens)
        {
            Assert.That(log.Contains(token, StringComparison.Ordinal), Is.False, "a full token was printed");
            Assert.That(report?.Contains(token, StringComparison.Ordinal) ?? false, Is.False, "a full token was written to the report");
        }

        return new RecipeRun(result, log, commits, report);
    }

    private static ProcessResult RunScript(string script, TempRepository ci, Dictionary<string, string?> variables)
    {
        var path = Path.Combine(ci.ScratchDirectory("recipe"), "scan.sh");
        File.WriteAllText(path, script);
        var environment = new Dictionary<string, string?>(ci.Environment);
        foreach (var name in CiVariables)
        {
            environment[name] = variables.GetValueOrDefault(name);
        }

        var before = RepositorySnapshot.Take(ci);
        var result = ProcessRunner.Run("sh", [path], ci.Root, environment);
        // The job may fetch (refs, objects, the shallow boundary); its checkout, index and files stay, but for the report.
        before.AssertUnchangedBesides(ci, Report);
        foreach (var token in Tool.IssuedTokens)
        {
            Assert.That((result.StandardOutput + result.StandardError).Contains(token, StringComparison.Ordinal), Is.False, "a full token was printed");
        }

        return result;
    }

    /// <summary>The recipe's script as the test runs it: exactly as documented, writing the SARIF report.</summary>
    private static string RecipeScript(string heading)
    {
        var text = DocumentedScript(heading);
        Assert.That(text, Does.Contain("--format sarif --output " + Report));
        return text;
    }

    /// <summary>The recipe's script as the CI runs it: the lines from the begin marker to the end marker, without the YAML indentation.</summary>
    private static string DocumentedScript(string heading)
    {
        var lines = DocumentedSnippet.Read(Document, heading, "yaml").Split('\n');
        var first = Array.FindIndex(lines, line => line.Trim() == Begin);
        var last = Array.FindIndex(lines, line => line.Trim() == End);
        Assert.That(first, Is.GreaterThanOrEqualTo(0), $"{heading}: no '{Begin}' line");
        Assert.That(last, Is.GreaterThan(first), $"{heading}: no '{End}' line after the begin line");
        var indent = lines[first].Length - lines[first].TrimStart().Length;
        var script = new System.Text.StringBuilder();
        foreach (var line in lines[first..(last + 1)])
        {
            Assert.That(line.Length == 0 || line[..Math.Min(indent, line.Length)].Trim().Length == 0, Is.True, $"{heading}: a script line is indented less than the block: {line}");
            script.Append(line.Length == 0 ? "" : line[indent..]).Append('\n');
        }

        return script.ToString();
    }

    /// <summary>The job's exit code and the commits of the range it scanned; a passing job still writes a report, naming none of main's tokens.</summary>
    private static void AssertScanned(RecipeRun run, int exitCode, IEnumerable<string> range, string because = "")
    {
        Assert.That(run.Result.ExitCode, Is.EqualTo(exitCode), run.Log);
        Assert.That(run.Range, Is.EquivalentTo(range), because);
        if (exitCode == 0)
        {
            Assert.That(run.Report, Is.Not.Null, "the report file is written when nothing is found too");
            Assert.That(run.Report, Does.Not.Contain("legacy.env").And.Not.Contain("old.env"));
            Assert.That(run.Log, Does.Not.Contain(RuleTitle));
        }
    }

    private static void AssertReportsTheFeatureToken(RecipeRun run)
    {
        Assert.That(run.Log, Does.Contain(RuleTitle).And.Contain("deploy.env").And.Contain("add deploy settings"), "the findings are readable in the job log");
        Assert.That(run.Report, Is.Not.Null, "the report file is written");
        Assert.That(run.Report, Does.Contain(Rule).And.Contain("deploy.env"));
        Assert.That(run.Report, Does.Not.Contain("legacy.env").And.Not.Contain("old.env"), "main's tokens are not the pull request's");
    }

    private static bool IsShallow(TempRepository repository) =>
        repository.Git("rev-parse", "--is-shallow-repository").StandardOutput.Trim() == "true";

    private static string Git(TempRepository repository, params string[] arguments)
    {
        var result = repository.Git(arguments);
        Assert.That(result.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }

    /// <param name="Main">main's commits, oldest first.</param>
    /// <param name="Feature">the feature branch's commits, oldest first.</param>
    /// <param name="BranchPoint">where feature left main (GitLab's diff base).</param>
    /// <param name="Merge">the pull request's merge commit.</param>
    private sealed record Project(string[] Main, string[] Feature, string BranchPoint, string Merge)
    {
        /// <summary>What a pull request's range holds when HEAD is its merge: its commits and the merge.</summary>
        public IEnumerable<string> PullRequestCommits => [.. Feature, Merge];
    }

    private sealed record RecipeRun(ProcessResult Result, string Log, string[] Range, string? Report);
}
