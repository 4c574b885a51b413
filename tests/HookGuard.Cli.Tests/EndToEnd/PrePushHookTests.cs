using System.Text.Json;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// `git push` to a local bare remote with both hooks installed. Peers read only the first line of
/// pre-push input or none; HookGuard must scan every pushed ref, and only what is new to the remote.
/// </summary>
[Category("EndToEnd")]
public class PrePushHookTests
{
    private TempRepository _repo = null!;
    private TempRepository _remote = null!;
    private readonly List<TempRepository> _clones = [];

    [SetUp]
    public void SetUp()
    {
        _repo = TempRepository.Create();
        Tool.PutOnPath(_repo);
        _remote = _repo.AddBareRemote();
        _repo.Write("README.md", "hello\n");
        _repo.Stage("README.md");
        _repo.Commit("initial");
        Assert.That(HookRun.Git(_repo, "push", "-q", "origin", "main").ExitCode, Is.Zero);
        var install = Tool.RunInstalled(_repo, "install");
        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var clone in _clones)
        {
            clone.Dispose();
        }

        _clones.Clear();
        _repo.Dispose();
    }

    private string RemoteHead(string branch) =>
        _remote.Git("rev-parse", "--verify", "-q", $"refs/heads/{branch}").StandardOutput.Trim();

    /// <summary>Commits a file holding a token without running hooks, as if the commit predated HookGuard.</summary>
    private (string Sha, string Token) CommitToken(string file, string message)
    {
        var token = Tool.Token("circleci-personal-api-token", message.Length);
        _repo.Write(file, $"# {message}\nCIRCLECI_TOKEN={token}\n");
        _repo.Stage(file);
        return (_repo.Commit(message), token);
    }

    private void CommitClean(string file, string message)
    {
        _repo.Write(file, $"{message}\n");
        _repo.Stage(file);
        _repo.Commit(message);
    }

    [Test]
    public void Push_CleanCommit_PassesAndReachesTheRemote()
    {
        CommitClean("a.txt", "clean change");

        var push = HookRun.Git(_repo, "push", "-q", "origin", "main");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(RemoteHead("main"), Is.EqualTo(_repo.Git("rev-parse", "HEAD").StandardOutput.Trim()));
    }

    [Test]
    public void Push_CommitWithToken_IsBlockedNamingCommitFileAndLine()
    {
        var before = RemoteHead("main");
        var (sha, token) = CommitToken("deploy/ci.env", "add ci settings");
        var snapshot = RepositorySnapshot.Take(_repo);

        var push = HookRun.Git(_repo, "push", "origin", "main");

        Assert.That(push.ExitCode, Is.Not.Zero);
        var output = push.StandardOutput + push.StandardError;
        Assert.That(output, Does.Not.Contain(token));
        Assert.That(output, Does.Contain("deploy/ci.env:2:16"));
        Assert.That(output, Does.Contain($"commit:  {sha[..12]} add ci settings"));
        Assert.That(output, Does.Contain("git commit --amend").And.Contain("git rebase -i"));
        Assert.That(output, Does.Contain(
            "  2. A token that was already pushed anywhere (another branch, remote or fork), pasted or logged is leaked:\n" +
            "     revoke and rotate it (see 'revoke'); deleting it from history does not un-leak it.\n"));
        Assert.That(output, Does.Contain("git push --no-verify").And.Contain("HOOKGUARD_SKIP=1"));
        Assert.That(RemoteHead("main"), Is.EqualTo(before), "nothing reached the remote");
        snapshot.AssertUnchanged(_repo);
    }

    [Test]
    public void Push_TwoBranchesOnlySecondCarriesToken_IsBlocked()
    {
        CommitClean("a.txt", "clean on main");
        _repo.Git("checkout", "-q", "-b", "feature");
        CommitToken("f.env", "token on feature");

        var push = HookRun.Git(_repo, "push", "origin", "main", "feature");

        Assert.That(push.ExitCode, Is.Not.Zero);
        Assert.That(push.StandardError, Does.Contain("f.env:2:16").And.Contain("token on feature"));
    }

    [Test]
    public void Push_NewBranchFromMainWithTokenAlreadyOnRemote_ScansOnlyTheBranchesOwnCommits()
    {
        // A token already on the remote is not this push's doing; the new branch brings one clean commit.
        CommitToken("old.env", "legacy token");
        Assert.That(HookRun.Git(_repo, "push", "-q", "--no-verify", "origin", "main").ExitCode, Is.Zero);
        _repo.Git("checkout", "-q", "-b", "topic");
        CommitClean("b.txt", "topic work");

        var push = HookRun.Git(_repo, "push", "-q", "origin", "topic");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
    }

    [Test]
    public void Push_BranchThatMergedMainWithPublishedToken_DoesNotRescanMainsCommits()
    {
        // The feature branch is on the remote; main gained a (published) token commit; merging main
        // into feature and pushing must not block on main's commit, which the remote already has.
        _repo.Git("checkout", "-q", "-b", "feature");
        CommitClean("f.txt", "feature work");
        Assert.That(HookRun.Git(_repo, "push", "-q", "origin", "feature").ExitCode, Is.Zero);
        _repo.Git("checkout", "-q", "main");
        CommitToken("legacy.env", "published token on main");
        Assert.That(HookRun.Git(_repo, "push", "-q", "--no-verify", "origin", "main").ExitCode, Is.Zero);
        _repo.Git("checkout", "-q", "feature");
        Assert.That(_repo.Git("merge", "-q", "--no-edit", "--no-verify", "main").ExitCode, Is.Zero);

        var push = HookRun.Git(_repo, "push", "-q", "origin", "feature");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
    }

    [Test]
    public void Push_BranchDeletion_Passes()
    {
        _repo.Git("checkout", "-q", "-b", "gone");
        CommitClean("g.txt", "to be deleted");
        Assert.That(HookRun.Git(_repo, "push", "-q", "origin", "gone").ExitCode, Is.Zero);

        var push = HookRun.Git(_repo, "push", "-q", "origin", "--delete", "gone");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(RemoteHead("gone"), Is.Empty);
    }

    [Test]
    public void Push_ForcePushOfAmendedCommitWithToken_IsBlocked()
    {
        CommitClean("a.txt", "first version");
        Assert.That(HookRun.Git(_repo, "push", "-q", "origin", "main").ExitCode, Is.Zero);
        var token = Tool.Token("intercom-access-token");
        _repo.Write("a.txt", $"first version\nINTERCOM_ACCESS_TOKEN={token}\n");
        _repo.Stage("a.txt");
        HookRun.Git(_repo, "commit", "-q", "--amend", "--no-verify", "-m", "first version, amended");

        var push = HookRun.Git(_repo, "push", "--force", "origin", "main");

        Assert.That(push.ExitCode, Is.Not.Zero);
        Assert.That(push.StandardError, Does.Contain("a.txt:2:23").And.Not.Contain(token));
    }

    [Test]
    public void Push_TagOnUnpushedCommitWithToken_IsBlocked()
    {
        CommitToken("release.env", "release settings");
        _repo.Git("tag", "-a", "v1.0", "-m", "release");

        var push = HookRun.Git(_repo, "push", "origin", "v1.0");

        Assert.That(push.ExitCode, Is.Not.Zero);
        Assert.That(push.StandardError, Does.Contain("release.env:2:16"));
        Assert.That(_remote.Git("tag").StandardOutput, Does.Not.Contain("v1.0"));
    }

    [Test]
    public void Push_WithHookGuardSkip_PassesAndSaysSo()
    {
        CommitToken("s.env", "skipped on purpose");
        _repo.SetEnvironment("HOOKGUARD_SKIP", "1");

        var push = HookRun.Git(_repo, "push", "origin", "main");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(push.StandardError, Does.Contain("HOOKGUARD_SKIP=1"));
    }

    [Test]
    public void ScanRange_UnpushedCommits_JsonNamesTheFullCommit()
    {
        var (sha, _) = CommitToken("r.env", "range check");
        CommitClean("later.txt", "later clean commit");

        var result = HookRun.Tool(_repo, ["scan", "range", "origin/main..HEAD", "--format", "json"]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.StandardError);
        using var report = JsonDocument.Parse(result.StandardOutput);
        Assert.That(report.RootElement.GetProperty("findings")[0].GetProperty("commit").GetString(), Is.EqualTo(sha));
        Assert.That(report.RootElement.GetProperty("scanned").GetProperty("commits").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void ScanPush_EmptyInput_Exit0WithOneLine()
    {
        var result = HookRun.Tool(_repo, ["scan", "push", "origin"], "");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardError.Trim(), Does.StartWith("hookguard: nothing to scan"));
    }

    [Test]
    public void ScanPush_MalformedInput_Exit2WithoutEchoingIt()
    {
        var result = HookRun.Tool(_repo, ["scan", "push", "origin"], "not pre-push input at all\n");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.Contain("line 1").And.Not.Contain("not pre-push input"));
    }

    /// <summary>
    /// A clone of the remote with only its newest commit (<c>git clone --depth 1</c>), the tool on its PATH and the hooks
    /// installed; disposed with the test's repository.
    /// </summary>
    private TempRepository ShallowClone()
    {
        var clone = TempRepository.Create();
        _clones.Add(clone);
        Directory.Delete(clone.Root, recursive: true);
        var result = ProcessRunner.Run(
            "git", ["clone", "--quiet", "--depth", "1", "file://" + _remote.Root, clone.Root], Path.GetDirectoryName(clone.Root)!, clone.Environment);
        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(clone.Git("rev-parse", "--is-shallow-repository").StandardOutput.Trim(), Is.EqualTo("true"));
        Tool.PutOnPath(clone);
        var install = Tool.RunInstalled(clone, "install");
        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
        return clone;
    }

    [Test]
    public void PushFromShallowClone_CleanCommitThenCommitWithToken_PassesThenIsBlocked()
    {
        // The remote has history the clone lacks (a token too, pushed before HookGuard): only the new commits are read.
        CommitToken("published.env", "published before HookGuard");
        CommitClean("b.txt", "newest on the remote");
        Assert.That(HookRun.Git(_repo, "push", "-q", "--no-verify", "origin", "main").ExitCode, Is.Zero);
        var clone = ShallowClone();
        clone.Write("clean.txt", "clean work\n");
        clone.Stage("clean.txt");
        var clean = clone.Commit("clean work in the shallow clone");

        var cleanPush = HookRun.Git(clone, "push", "-q", "origin", "main");

        Assert.That(cleanPush.ExitCode, Is.Zero, cleanPush.StandardError);
        Assert.That(RemoteHead("main"), Is.EqualTo(clean));

        var token = Tool.Token("intercom-access-token", 3);
        clone.Write("leak.env", $"# shallow\nINTERCOM_ACCESS_TOKEN={token}\n");
        clone.Stage("leak.env");
        var leak = clone.Commit("token in the shallow clone");

        var tokenPush = HookRun.Git(clone, "push", "origin", "main");

        Assert.That(tokenPush.ExitCode, Is.Not.Zero);
        Assert.That(tokenPush.StandardError, Does.Contain("  leak.env:2:23  ").And.Contain($"commit:  {leak[..12]} token in the shallow clone"));
        Assert.That(tokenPush.StandardError, Does.Contain("1 secret found").And.Not.Contain("published.env"));
        Assert.That(RemoteHead("main"), Is.EqualTo(clean), "nothing reached the remote");
    }

    [TestCase("scan", "push", "origin")]
    [TestCase("hook", "pre-push", "origin", "url")]
    public void PushInput_LocalShaEqualsRemoteSha_Exit0WithOneNothingNewLine(params string[] command)
    {
        var head = _repo.Git("rev-parse", "HEAD").StandardOutput.Trim();

        var result = HookRun.Tool(_repo, command, $"refs/heads/main {head} refs/heads/main {head}\n");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Is.EqualTo("hookguard: nothing to scan: no commits in this push are new to the remote\n"));
    }

    [Test]
    public void HookPrePush_EmptyInput_Exit0WithOneLine()
    {
        var result = HookRun.Tool(_repo, ["hook", "pre-push", "origin", "url"], "");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Is.EqualTo("hookguard: nothing to scan: no refs on standard input (git gives the hook one line per pushed ref)\n"));
    }

    [Test]
    public void HookPrePush_MalformedInput_BlocksWithExit2WithoutEchoingIt()
    {
        var head = _repo.Git("rev-parse", "HEAD").StandardOutput.Trim();
        var input = $"refs/heads/main {head} refs/heads/main {head}\nrefs/heads/main not-an-id secret-looking-input\n";

        var result = HookRun.Tool(_repo, ["hook", "pre-push", "origin", "url"], input);

        Assert.That(result.ExitCode, Is.EqualTo(2), "a usage error blocks the push");
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.StartWith("hookguard: cannot scan this push, so it is blocked: unreadable pre-push input line 2: "));
        Assert.That(lines[1], Is.EqualTo("hookguard: to push without the scan: git push --no-verify, or HOOKGUARD_SKIP=1 git push ..."));
        Assert.That(result.StandardError, Does.Not.Contain("not-an-id").And.Not.Contain("secret-looking-input").And.Not.Contain(head));
    }

    [Test]
    public void ScanRange_UnknownRevision_Exit2()
    {
        Assert.That(HookRun.Tool(_repo, ["scan", "range", "nope..HEAD"]).ExitCode, Is.EqualTo(2));
    }
}
