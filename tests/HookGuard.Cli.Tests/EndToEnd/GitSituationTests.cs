using System.Text;
using HookGuard.TestKit;

namespace HookGuard.Cli.Tests.EndToEnd;

/// <summary>
/// The git situations a commit or push can happen in, each through real `git commit` / `git push` with the installed
/// hooks and the built tool on PATH: what the hook sees there, and that a blocked run changes nothing. Cases already
/// exercised by <see cref="PreCommitHookTests"/> and <see cref="PrePushHookTests"/> (commit -a, commit PATH, partial
/// staging, core.hooksPath, several branches, new branch, deletion, force push, tag) are not repeated here.
/// </summary>
[Category("EndToEnd")]
public class GitSituationTests
{
    private const string Rule = "intercom-access-token";

    /// <summary>The line the hook prints for big.env under the 1 KiB limit.</summary>
    private const string SkippedBigFile = "hookguard: skipped 1 file over the 1 KB limit (hookguard.maxFileSize): big.env\n";

    private static readonly string[] HookNames = ["pre-commit", "pre-push"];

    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp()
    {
        // No commit yet: some situations need an unborn HEAD; the others start with CommitInitial().
        _repo = TempRepository.Create();
        Tool.PutOnPath(_repo);
        var install = Tool.RunInstalled(_repo, "install");
        Assert.That(install.ExitCode, Is.Zero, install.StandardError);
    }

    [TearDown]
    public void TearDown() => _repo.Dispose();

    /// <summary>Where TempRepository keeps the repository; deleted with it, so worktrees and outside files go here.</summary>
    private string BaseDirectory => Path.GetDirectoryName(_repo.Root)!;

    /// <summary>The token's column in this line is 23.</summary>
    private static string Assignment(string token) => $"INTERCOM_ACCESS_TOKEN={token}";

    private void CommitInitial()
    {
        _repo.Write("README.md", "hello\n");
        _repo.Stage("README.md");
        _repo.Commit("initial");
    }

    /// <summary>Commits a file holding a token without hooks, as if it predated HookGuard; returns the token.</summary>
    private string CommitLegacyToken(string file, int seed = 1)
    {
        var token = Tool.Token(Rule, seed);
        _repo.Write(file, $"{Assignment(token)}\n{TenLines("legacy")}");
        _repo.Stage(file);
        _repo.Commit("legacy " + file);
        return token;
    }

    private static string TenLines(string prefix) =>
        string.Concat(Enumerable.Range(1, 10).Select(i => $"{prefix}_setting_{i:00} = value number {i}\n"));

    private ProcessResult Git(string directory, params string[] arguments) =>
        ProcessRunner.Run("git", arguments, directory, _repo.Environment);

    private static void AssertNoToken(ProcessResult result, params string[] tokens)
    {
        var lines = (result.StandardOutput + "\n" + result.StandardError).Split('\n');
        // Counted, not listed: a failure message must not print the token either.
        Assert.That(lines.Count(line => tokens.Any(token => line.Contains(token, StringComparison.Ordinal))), Is.Zero,
            "no output line may contain a full token");
    }

    /// <summary>Blocked, with a finding at exactly <paramref name="location"/> (PATH:LINE:COLUMN) and no token printed.</summary>
    private static void AssertBlockedAt(ProcessResult result, string location, params string[] tokens)
    {
        Assert.That(result.ExitCode, Is.Not.Zero, "must be blocked");
        Assert.That(result.StandardError, Does.Contain($"  {location}  "), "the finding's location");
        Assert.That(result.StandardError, Does.Not.Contain("   at "), "no stack trace");
        AssertNoToken(result, tokens);
    }

    /// <summary>A quiet commit that went through silently: HEAD moved, staged entries, working tree and hooks untouched.</summary>
    private void AssertCommitted(ProcessResult commit, RepositorySnapshot before, params string[] tokens)
    {
        Assert.That(commit.ExitCode, Is.Zero, commit.StandardError);
        Assert.That(commit.StandardError, Is.Empty, "a clean commit passes silently");
        AssertNoToken(commit, tokens);
        var after = RepositorySnapshot.After(_repo);
        Assert.That(after.Head, Is.Not.EqualTo(before.Head), "a commit was made");
        Assert.That(after.IndexEntries, Is.EqualTo(before.IndexEntries), "staged entries changed");
        Assert.That(after.FileHashes, Is.EquivalentTo(before.FileHashes), "working tree or hooks changed");
    }

    /// <summary>`hookguard: error: ...` on exactly one line; nothing on stdout, no stack trace.</summary>
    private static void AssertOneLineError(ProcessResult result, string start)
    {
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines[0], Does.StartWith(start));
        Assert.That(lines, Has.Length.EqualTo(1), "one error line");
        Assert.That(result.StandardOutput, Is.Empty);
    }

    // ---- first commit, amend ----

    [Test]
    public void Commit_FirstCommitInEmptyRepositoryWithToken_IsBlocked()
    {
        var token = Tool.Token(Rule);
        _repo.Write("app.env", $"# first\n{Assignment(token)}\n");
        _repo.Stage("app.env");
        Assert.That(_repo.Git("rev-parse", "-q", "--verify", "HEAD").ExitCode, Is.Not.Zero, "HEAD is unborn");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "first");

        AssertBlockedAt(commit, "app.env:2:23", token);
        before.AssertUnchanged(_repo);
        Assert.That(_repo.Git("rev-parse", "-q", "--verify", "HEAD").ExitCode, Is.Not.Zero, "still no commit");
    }

    [Test]
    public void CommitAmend_AddsToken_IsBlockedAndHeadKept()
    {
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.Write("added.env", $"{Assignment(token)}\n");
        _repo.Stage("added.env");
        var before = RepositorySnapshot.Take(_repo);

        var amend = _repo.Git("commit", "--amend", "-m", "initial, amended");

        AssertBlockedAt(amend, "added.env:1:23", token);
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void CommitAmend_RewordOnlyOfCommitWhoseTokenPredatesTheHook_Passes()
    {
        // The amend's pre-commit compares the index with HEAD, and HEAD is the very commit that already holds the
        // token: nothing is added, so it passes. Such a commit is caught by pre-push (see the cherry-pick test).
        CommitInitial();
        var token = CommitLegacyToken("legacy.env");
        var before = RepositorySnapshot.Take(_repo);

        var amend = _repo.Git("commit", "-q", "--amend", "-m", "legacy, reworded");

        AssertCommitted(amend, before, token);
        Assert.That(_repo.Git("log", "-1", "--format=%s").StandardOutput.Trim(), Is.EqualTo("legacy, reworded"));
    }

    // ---- merges, cherry-pick ----

    [Test]
    public void CommitOfMergeInProgress_TokenAlreadyCommittedOnMergedBranch_PassesAsNothingIsNew()
    {
        // A merge concluded with `git commit` (MERGE_HEAD present) runs pre-commit. The index is compared with HEAD and
        // with every MERGE_HEAD, as a merge commit is on push: the merged branch's lines are not this commit's own (they
        // were committed on that branch, and are scanned when that branch is pushed), so nothing is new here.
        // (A clean `git merge` that commits by itself runs pre-merge-commit, not pre-commit, and is scanned at push.)
        CommitInitial();
        _repo.Git("checkout", "-q", "-b", "feature");
        var token = Tool.Token(Rule);
        _repo.Write("feature.env", $"# feature settings\n{Assignment(token)}\n");
        _repo.Stage("feature.env");
        _repo.Commit("feature token, committed with --no-verify");
        _repo.Git("checkout", "-q", "main");
        _repo.Write("main.txt", "main work\n");
        _repo.Stage("main.txt");
        _repo.Commit("main work");
        var merge = _repo.Git("merge", "--no-ff", "--no-commit", "feature");
        Assert.That(merge.ExitCode, Is.Zero, merge.StandardError);
        Assert.That(_repo.Git("rev-parse", "-q", "--verify", "MERGE_HEAD").ExitCode, Is.Zero, "a merge is in progress");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "--no-edit");

        AssertCommitted(commit, before, token);
        Assert.That(_repo.Git("rev-parse", "-q", "--verify", "MERGE_HEAD").ExitCode, Is.Not.Zero, "the merge was concluded");
    }

    [Test]
    public void CommitOfMergeInProgress_ConflictResolvedWithToken_IsBlocked()
    {
        _repo.Write("conflict.txt", "name: app\nvalue: 1\n");
        _repo.Stage("conflict.txt");
        _repo.Commit("base");
        _repo.Git("checkout", "-q", "-b", "other");
        _repo.Write("conflict.txt", "name: app\nvalue: 2\n");
        _repo.Stage("conflict.txt");
        _repo.Commit("other side");
        _repo.Git("checkout", "-q", "main");
        _repo.Write("conflict.txt", "name: app\nvalue: 3\n");
        _repo.Stage("conflict.txt");
        _repo.Commit("main side");
        Assert.That(_repo.Git("merge", "other").ExitCode, Is.Not.Zero, "the merge must conflict");
        var token = Tool.Token(Rule);
        _repo.Write("conflict.txt", $"name: app\n{Assignment(token)}\n");
        _repo.Stage("conflict.txt");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "--no-edit");

        AssertBlockedAt(commit, "conflict.txt:2:23", token);
        before.AssertUnchanged(_repo);
        Assert.That(_repo.Git("rev-parse", "-q", "--verify", "MERGE_HEAD").ExitCode, Is.Zero, "the merge is still in progress");
    }

    [Test]
    public void CherryPick_CommitWithToken_IsNotScannedByPreCommitButPushIsBlocked()
    {
        // git cherry-pick commits without running pre-commit; the pre-push scan is the net that catches it.
        var remote = _repo.AddBareRemote();
        CommitInitial();
        Assert.That(_repo.Git("push", "-q", "origin", "main").ExitCode, Is.Zero);
        _repo.Git("checkout", "-q", "-b", "side");
        var token = Tool.Token(Rule);
        _repo.Write("side.env", $"# side\n{Assignment(token)}\n");
        _repo.Stage("side.env");
        _repo.Commit("side token");
        _repo.Git("checkout", "-q", "main");

        var pick = _repo.Git("cherry-pick", "side");

        Assert.That(pick.ExitCode, Is.Zero, pick.StandardError);
        AssertNoToken(pick, token);
        var picked = _repo.Git("rev-parse", "HEAD").StandardOutput.Trim();
        var remoteBefore = remote.Git("rev-parse", "refs/heads/main").StandardOutput.Trim();
        var before = RepositorySnapshot.Take(_repo);

        var push = _repo.Git("push", "origin", "main");

        AssertBlockedAt(push, "side.env:2:23", token);
        Assert.That(push.StandardError, Does.Contain($"commit:  {picked[..12]} side token"));
        Assert.That(remote.Git("rev-parse", "refs/heads/main").StandardOutput.Trim(), Is.EqualTo(remoteBefore), "nothing reached the remote");
        before.AssertUnchanged(_repo);
    }

    // ---- renames, copies, modes, deletions, links, submodules ----

    [Test]
    public void Commit_RenameWithEditAddingToken_IsBlockedAtTheEditedLine()
    {
        CommitInitial();
        _repo.Write("conf.txt", TenLines("conf"));
        _repo.Stage("conf.txt");
        _repo.Commit("conf");
        Directory.CreateDirectory(Path.Combine(_repo.Root, "settings"));
        Assert.That(_repo.Git("mv", "conf.txt", "settings/conf.txt").ExitCode, Is.Zero);
        var token = Tool.Token(Rule);
        var lines = TenLines("conf").Split('\n').ToList();
        lines.Insert(5, Assignment(token));
        _repo.Write("settings/conf.txt", string.Join('\n', lines));
        _repo.Stage("settings/conf.txt");
        Assert.That(_repo.Git("status", "--short").StandardOutput, Does.Contain("R  conf.txt -> settings/conf.txt"));
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "move conf");

        AssertBlockedAt(commit, "settings/conf.txt:6:23", token);
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_PureRenameOfFileHoldingOldToken_Passes()
    {
        CommitInitial();
        var token = CommitLegacyToken("old.env");
        Directory.CreateDirectory(Path.Combine(_repo.Root, "moved"));
        Assert.That(_repo.Git("mv", "old.env", "moved/new.env").ExitCode, Is.Zero);
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "move");

        AssertCommitted(commit, before, token);
    }

    [Test]
    public void Commit_RenameWithCleanEditOfFileHoldingOldToken_Passes()
    {
        // Rename detection: only the edited line is new, not the token the file already held.
        CommitInitial();
        var token = CommitLegacyToken("old.env");
        Directory.CreateDirectory(Path.Combine(_repo.Root, "moved"));
        Assert.That(_repo.Git("mv", "old.env", "moved/new.env").ExitCode, Is.Zero);
        _repo.Write("moved/new.env", $"{Assignment(token)}\n{TenLines("legacy")}extra_setting = 1\n");
        _repo.Stage("moved/new.env");
        Assert.That(_repo.Git("status", "--short").StandardOutput, Does.Contain("R  old.env -> moved/new.env"));
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "move and edit");

        AssertCommitted(commit, before, token);
    }

    [Test]
    public void Commit_ExactCopyOfCommittedFileHoldingOldToken_Passes()
    {
        // The copy's blob is a blob of HEAD's tree: it adds no line HEAD lacks, so nothing is new.
        CommitInitial();
        var token = CommitLegacyToken("original.env");
        File.Copy(Path.Combine(_repo.Root, "original.env"), Path.Combine(_repo.Root, "copy.env"));
        _repo.Stage("copy.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "copy");

        AssertCommitted(commit, before, token);
    }

    [Test]
    public void Commit_CopyWithNewTokenLineOfFileModifiedInTheSameCommit_IsBlockedNamingOnlyTheNewLine()
    {
        // The source is modified in the same commit, so git's copy detection (-C) pairs the copy with it: the copy
        // adds only the lines the source's committed version lacks.
        CommitInitial();
        var oldToken = CommitLegacyToken("original.env", 1);
        var newToken = Tool.Token(Rule, 2);
        _repo.Write("original.env", $"{Assignment(oldToken)}\n{TenLines("legacy")}edited_setting = 1\n");
        _repo.Write("copy.env", $"{Assignment(oldToken)}\n{TenLines("legacy")}SECOND_{Assignment(newToken)}\n");
        _repo.Stage("original.env", "copy.env");
        Assert.That(_repo.Git("diff", "--cached", "--name-status", "-C").StandardOutput, Does.Match(@"C\d+\toriginal\.env\tcopy\.env"));
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "copy with a new token");

        AssertBlockedAt(commit, "copy.env:12:30", oldToken, newToken);
        Assert.That(commit.StandardError, Does.Contain("1 secret found").And.Not.Contain("copy.env:1:"));
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_CopyWithCleanEditsOfFileModifiedInTheSameCommit_Passes()
    {
        CommitInitial();
        var token = CommitLegacyToken("original.env");
        _repo.Write("original.env", $"{Assignment(token)}\n{TenLines("legacy")}edited_setting = 1\n");
        _repo.Write("copy.env", $"{Assignment(token)}\n{TenLines("legacy")}copy_setting = 2\n");
        _repo.Stage("original.env", "copy.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "copy with a clean edit");

        AssertCommitted(commit, before, token);
    }

    [Test]
    public void Commit_EditedCopyOfUntouchedFile_IsScannedAsANewFile()
    {
        // Pairing an edited copy with a file the commit leaves alone would take git's --find-copies-harder, which
        // measures every file of the repository on every commit: such a copy is read whole, its old token too.
        CommitInitial();
        var token = CommitLegacyToken("original.env");
        _repo.Write("copy.env", $"{Assignment(token)}\n{TenLines("legacy")}copy_setting = 2\n");
        _repo.Stage("copy.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "edited copy");

        AssertBlockedAt(commit, "copy.env:1:23", token);
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Push_CommitsWithCopies_BlockedOnlyAtTheNewTokenLine()
    {
        // The same reading for pushed commits: an exact copy of an untouched file and a copy of a file the commit
        // modifies add only their changed lines.
        var remote = _repo.AddBareRemote();
        CommitInitial();
        var oldToken = CommitLegacyToken("original.env", 1);
        Assert.That(_repo.Git("push", "-q", "--no-verify", "origin", "main").ExitCode, Is.Zero, "published before HookGuard");
        var newToken = Tool.Token(Rule, 2);
        File.Copy(Path.Combine(_repo.Root, "original.env"), Path.Combine(_repo.Root, "exact.env"));
        _repo.Write("original.env", $"{Assignment(oldToken)}\n{TenLines("legacy")}edited_setting = 1\n");
        _repo.Write("copy.env", $"{Assignment(oldToken)}\n{TenLines("legacy")}SECOND_{Assignment(newToken)}\n");
        _repo.Stage();
        var copies = _repo.Commit("copies");
        var remoteBefore = remote.Git("rev-parse", "refs/heads/main").StandardOutput.Trim();
        var before = RepositorySnapshot.Take(_repo);

        var push = _repo.Git("push", "origin", "main");

        AssertBlockedAt(push, "copy.env:12:30", oldToken, newToken);
        Assert.That(push.StandardError, Does.Contain($"commit:  {copies[..12]} copies").And.Contain("1 secret found"));
        Assert.That(push.StandardError, Does.Not.Contain("exact.env").And.Not.Contain("copy.env:1:"));
        Assert.That(remote.Git("rev-parse", "refs/heads/main").StandardOutput.Trim(), Is.EqualTo(remoteBefore), "nothing reached the remote");
        before.AssertUnchanged(_repo);

        var range = HookRun.Tool(_repo, ["scan", "range", "origin/main..HEAD"]);

        Assert.That(range.ExitCode, Is.EqualTo(1));
        Assert.That(range.StandardOutput + range.StandardError, Does.Contain("copy.env:12:30").And.Contain("1 secret found"));
        Assert.That(range.StandardOutput + range.StandardError, Does.Not.Contain("exact.env").And.Not.Contain("copy.env:1:"));
    }

    [Test]
    public void Push_CommitWithExactCopyOfFileHoldingOldToken_Passes()
    {
        var remote = _repo.AddBareRemote();
        CommitInitial();
        var token = CommitLegacyToken("original.env");
        Assert.That(_repo.Git("push", "-q", "--no-verify", "origin", "main").ExitCode, Is.Zero, "published before HookGuard");
        File.Copy(Path.Combine(_repo.Root, "original.env"), Path.Combine(_repo.Root, "exact.env"));
        _repo.Stage("exact.env");
        var copy = _repo.Commit("exact copy");

        var push = HookRun.Git(_repo, "push", "-q", "origin", "main");

        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        AssertNoToken(push, token);
        Assert.That(remote.Git("rev-parse", "refs/heads/main").StandardOutput.Trim(), Is.EqualTo(copy));
        Assert.That(HookRun.Tool(_repo, ["scan", "range", "HEAD~1..HEAD"]).ExitCode, Is.Zero);
    }

    [Test]
    public void Commit_ModeOnlyChangeOfFileHoldingOldToken_Passes()
    {
        CommitInitial();
        var token = CommitLegacyToken("deploy.sh");
        if (OperatingSystem.IsWindows())
        {
            Assert.That(_repo.Git("add", "--chmod=+x", "deploy.sh").ExitCode, Is.Zero);
        }
        else
        {
            var path = Path.Combine(_repo.Root, "deploy.sh");
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            _repo.Stage("deploy.sh");
        }

        Assert.That(_repo.Git("diff", "--cached", "--summary").StandardOutput, Does.Contain("mode change 100644 => 100755"));
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "chmod +x");

        AssertCommitted(commit, before, token);
    }

    [Test]
    public void Commit_DeletionOfFileHoldingToken_Passes()
    {
        CommitInitial();
        var token = CommitLegacyToken("leaked.env");
        Assert.That(_repo.Git("rm", "-q", "leaked.env").ExitCode, Is.Zero);
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "remove the leaked file");

        AssertCommitted(commit, before, token);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges there")]
    public void Commit_SymlinkToFileHoldingToken_PassesLinkNotFollowed()
    {
        CommitInitial();
        var token = Tool.Token(Rule);
        var target = Path.Combine(BaseDirectory, "outside.env");
        File.WriteAllText(target, $"{Assignment(token)}\n");
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "linked.env"), target);
        _repo.Stage("linked.env");
        Assert.That(_repo.Git("ls-files", "--stage", "linked.env").StandardOutput, Does.StartWith("120000 "));
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "link");

        AssertCommitted(commit, before, token);
    }

    [Test]
    public void Commit_SubmoduleAdded_PassesWithoutError()
    {
        // Only a gitlink enters the superproject; the submodule's own files (here a token committed there with
        // --no-verify) are its own history and are not read.
        using var library = TempRepository.Create();
        var token = Tool.Token(Rule);
        library.Write("lib.env", $"{Assignment(token)}\n");
        library.Stage("lib.env");
        library.Commit("library");
        CommitInitial();
        var add = _repo.Git("submodule", "add", "-q", library.Root, "libs/library");
        Assert.That(add.ExitCode, Is.Zero, add.StandardError);
        Assert.That(_repo.Git("ls-files", "--stage", "libs/library").StandardOutput, Does.StartWith("160000 "));
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "add submodule");

        AssertCommitted(commit, before, token);
    }

    // ---- worktrees, detached HEAD, sparse checkouts ----

    [Test]
    public void CommitInLinkedWorktree_Token_IsBlockedByTheSharedHook()
    {
        CommitInitial();
        var add = _repo.Git("worktree", "add", "-q", "../wt", "-b", "wt");
        Assert.That(add.ExitCode, Is.Zero, add.StandardError);
        var worktree = Path.Combine(BaseDirectory, "wt");
        var token = Tool.Token(Rule);
        File.WriteAllText(Path.Combine(worktree, "wt.env"), $"# from the worktree\n{Assignment(token)}\n");
        Assert.That(Git(worktree, "add", "wt.env").ExitCode, Is.Zero);
        var before = RepositorySnapshot.Take(_repo);
        // The worktree's own HEAD and index (under .git/worktrees/wt), its files and the hooks it runs.
        var worktreeBefore = RepositorySnapshot.Take(worktree, arguments => Git(worktree, arguments));

        var commit = Git(worktree, "commit", "-m", "from the worktree");

        AssertBlockedAt(commit, "wt.env:2:23", token);
        before.AssertUnchanged(_repo);
        worktreeBefore.AssertEqualTo(RepositorySnapshot.TakeAsIs(worktree, arguments => Git(worktree, arguments)));
    }

    [Test]
    public void CommitOnDetachedHead_Token_IsBlocked()
    {
        CommitInitial();
        Assert.That(_repo.Git("checkout", "-q", "--detach").ExitCode, Is.Zero);
        var token = Tool.Token(Rule);
        _repo.Write("detached.env", $"{Assignment(token)}\n");
        _repo.Stage("detached.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "on a detached HEAD");

        AssertBlockedAt(commit, "detached.env:1:23", token);
        before.AssertUnchanged(_repo);
        Assert.That(_repo.Git("symbolic-ref", "-q", "HEAD").ExitCode, Is.Not.Zero, "HEAD is still detached");
    }

    [TestCase("--cone")]
    [TestCase("--no-cone")]
    public void CommitInSparseCheckout_DefaultFullIndexTokenInCheckedOutDirectory_IsBlocked(string mode)
    {
        _repo.Write("dir1/a.txt", "a\n");
        _repo.Write("dir2/b.txt", "b\n");
        _repo.Stage();
        _repo.Commit("two directories");
        var set = _repo.Git("sparse-checkout", "set", mode, "dir1");
        Assert.That(set.ExitCode, Is.Zero, set.StandardError);
        Assert.That(File.Exists(Path.Combine(_repo.Root, "dir2", "b.txt")), Is.False, "dir2 is not checked out");
        var token = Tool.Token(Rule);
        _repo.Write("dir1/secret.env", $"{Assignment(token)}\n");
        _repo.Stage("dir1/secret.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "sparse");

        AssertBlockedAt(commit, "dir1/secret.env:1:23", token);
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void CommitInSparseCheckout_SparseIndex_IsBlockedFailClosedWithOneReasonLine()
    {
        // libgit2 cannot read a sparse index ('sdir' extension): the hook cannot scan, so it blocks.
        _repo.Write("dir1/a.txt", "a\n");
        _repo.Write("dir2/b.txt", "b\n");
        _repo.Stage();
        _repo.Commit("two directories");
        var set = _repo.Git("sparse-checkout", "set", "--cone", "--sparse-index", "dir1");
        Assert.That(set.ExitCode, Is.Zero, set.StandardError);
        Assert.That(_repo.Git("config", "index.sparse").StandardOutput.Trim(), Is.EqualTo("true"));
        var token = Tool.Token(Rule);
        _repo.Write("dir1/secret.env", $"{Assignment(token)}\n");
        _repo.Stage("dir1/secret.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "sparse index");

        Assert.That(commit.ExitCode, Is.Not.Zero, "fail closed");
        var reasons = commit.StandardError.Split('\n').Where(l => l.StartsWith("hookguard: cannot scan this commit", StringComparison.Ordinal)).ToList();
        Assert.That(reasons, Has.Count.EqualTo(1));
        Assert.That(reasons[0], Does.StartWith("hookguard: cannot scan this commit, so it is blocked: cannot read the staged changes: "));
        Assert.That(commit.StandardError, Does.Contain("git commit --no-verify"), "says how to bypass");
        Assert.That(commit.StandardError, Does.Not.Contain("   at "), "no stack trace");
        AssertNoToken(commit, token);
        before.AssertUnchanged(_repo);
    }

    // ---- content: binary, encodings, line ends ----

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(part => part as byte[] ?? new UTF8Encoding(false).GetBytes((string)part)).ToArray();

    [Test]
    public void Commit_BinaryFileContainingTokenText_PassesSkipped()
    {
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.WriteBytes("blob.bin", Bytes(new byte[] { 0x00, 0x01, 0x02, 0xFF }, $"\n{Assignment(token)}\n", new byte[] { 0x00 }));
        _repo.Stage("blob.bin");
        Assert.That(_repo.Git("diff", "--cached", "--numstat").StandardOutput, Does.StartWith("-\t-\tblob.bin"), "git sees it as binary");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-q", "-m", "binary");

        AssertCommitted(commit, before, token);
    }

    [Test]
    public void Commit_TextFileNextToBinaryFileWithToken_IsBlockedNamingOnlyTheTextFile()
    {
        CommitInitial();
        var binaryToken = Tool.Token(Rule, 1);
        var textToken = Tool.Token(Rule, 2);
        _repo.WriteBytes("blob.bin", Bytes(new byte[] { 0x00, 0x01, 0x02 }, $"\n{Assignment(binaryToken)}\n"));
        _repo.Write("notes.txt", $"{Assignment(textToken)}\n");
        _repo.Stage("blob.bin", "notes.txt");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "binary and text");

        AssertBlockedAt(commit, "notes.txt:1:23", binaryToken, textToken);
        Assert.That(commit.StandardError, Does.Contain("1 secret found").And.Not.Contain("blob.bin"));
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_Utf16LittleEndianWithBom_IsBlockedAtTheRightLine()
    {
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.WriteBytes("utf16.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes($"first\r\nsecond\r\n  {Assignment(token)}\r\n")]);
        _repo.Stage("utf16.txt");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "utf-16");

        AssertBlockedAt(commit, "utf16.txt:3:25", token);
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_Utf8WithBomTokenOnFirstLine_IsBlockedAtTheRightLineAndColumn()
    {
        // The BOM's three bytes come before the first line: they must not shift its column.
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.WriteBytes("bom.env", Bytes(new byte[] { 0xEF, 0xBB, 0xBF }, $"{Assignment(token)}\n"));
        _repo.Stage("bom.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "utf-8 with bom");

        AssertBlockedAt(commit, "bom.env:1:23", token);
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_InvalidUtf8OnOtherLines_IsBlockedWithoutCrash()
    {
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.WriteBytes("mixed.txt", Bytes(
            "first line\n", new byte[] { 0xC3, 0x28, 0xFF, 0x80, 0xE2, 0x82 }, "\n", $"{Assignment(token)}\n", new byte[] { 0x80, 0xBF }, "tail\n"));
        _repo.Stage("mixed.txt");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "invalid utf-8");

        AssertBlockedAt(commit, "mixed.txt:3:23", token);
        before.AssertUnchanged(_repo);
    }

    [Test]
    public void Commit_CrlfFile_IsBlockedWithRightLineColumnAndLength()
    {
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.Write("windows.env", $"one\r\ntwo\r\n  {Assignment(token)}\r\nfour\r\n");
        _repo.Stage("windows.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "crlf");

        AssertBlockedAt(commit, "windows.env:3:25", token);
        Assert.That(commit.StandardError, Does.Contain($"**** ({token.Length} chars)"), "the CR is not part of the secret");
        before.AssertUnchanged(_repo);
    }

    // ---- file names ----

    [TestCase("config dir/app settings.env")]
    [TestCase("déploiement/clé secrète.env")]
    public void Commit_FileNameWithSpacesOrUnicode_IsBlockedAndPathIsPrintedReadably(string name)
    {
        // Printed as is, not in git's quoted octal form ("d\303\251ploiement/...").
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.Write(name, $"# settings\n{Assignment(token)}\n");
        _repo.Stage(name);
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "named");

        AssertBlockedAt(commit, $"{name}:2:23", token);
        Assert.That(commit.StandardError, Does.Contain($"hookguard ignore '{Rule}:{name}:"), "the ignore command names the fingerprint");
        before.AssertUnchanged(_repo);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "no newline in Windows file names")]
    public void Commit_FileNameWithNewline_IsBlockedWithoutCrash()
    {
        // The report escapes control characters in names (DisplayText.Escape), so the newline is printed as the two
        // characters \n and the location stays on one line.
        CommitInitial();
        var token = Tool.Token(Rule);
        _repo.Write("new\nline.env", $"x\ny\n{Assignment(token)}\n");
        _repo.Stage("new\nline.env");
        var before = RepositorySnapshot.Take(_repo);

        var commit = _repo.Git("commit", "-m", "newline in the name");

        Assert.That(commit.ExitCode, Is.Not.Zero, "must be blocked");
        Assert.That(commit.StandardError, Does.Contain("  new\\nline.env:3:23  Intercom access token"));
        Assert.That(commit.StandardError.Split('\n'), Has.None.EqualTo("  new"), "no raw newline splits the name");
        Assert.That(commit.StandardError, Does.Contain("1 secret found"));
        Assert.That(commit.StandardError, Does.Not.Contain("   at "), "no stack trace");
        AssertNoToken(commit, token);
        before.AssertUnchanged(_repo);
    }

    // ---- size limit ----

    [Test]
    public void Commit_FileOverConfiguredMaxFileSize_IsSkippedWhileSmallerFilesAreScanned()
    {
        // hookguard.maxFileSize (git's integer syntax, here 1 KiB) replaces the fixed 5 MB limit.
        CommitInitial();
        var bigToken = Tool.Token(Rule, 1);
        var big = string.Concat(Enumerable.Range(1, 40).Select(i => $"padding_line_{i:00} = {new string('x', 40)}\n")) + $"{Assignment(bigToken)}\n";
        Assert.That(Encoding.UTF8.GetByteCount(big), Is.GreaterThan(2048));
        _repo.Write("big.env", big);
        _repo.Stage("big.env");

        // Without the setting the file is well under 5 MB and scanned: the test is not vacuous.
        var beforeUnlimited = RepositorySnapshot.Take(_repo);
        var unlimited = _repo.Git("commit", "-m", "big");
        AssertBlockedAt(unlimited, "big.env:41:23", bigToken);
        Assert.That(unlimited.StandardError, Does.Not.Contain("skipped"));
        beforeUnlimited.AssertUnchanged(_repo);

        Assert.That(_repo.Git("config", "hookguard.maxFileSize", "1k").ExitCode, Is.Zero);
        var smallToken = Tool.Token(Rule, 2);
        _repo.Write("small.env", $"{Assignment(smallToken)}\n");
        _repo.Stage("small.env");
        var before = RepositorySnapshot.Take(_repo);

        var limited = _repo.Git("commit", "-m", "big and small");

        AssertBlockedAt(limited, "small.env:1:23", bigToken, smallToken);
        Assert.That(limited.StandardError, Does.Not.Contain("big.env:41:"), "the big file is skipped");
        Assert.That(limited.StandardError, Does.Contain(SkippedBigFile), "the skipped file is named, through git commit too");
        before.AssertUnchanged(_repo);

        Assert.That(_repo.Git("rm", "-q", "--cached", "small.env").ExitCode, Is.Zero);
        var bigOnly = RepositorySnapshot.Take(_repo);
        var skipped = _repo.Git("commit", "-m", "big only");

        Assert.That(skipped.ExitCode, Is.Zero, skipped.StandardError);
        Assert.That(skipped.StandardError, Does.Contain(SkippedBigFile), "a commit let through still names the skipped file");
        AssertNoToken(skipped, bigToken);
        Assert.That(RepositorySnapshot.After(_repo).FileHashes, Is.EquivalentTo(bigOnly.FileHashes));
    }

    // ---- where there is nothing to scan ----

    [Test]
    public void ScanStaged_BareRepository_Exit3WithOneErrorLine()
    {
        using var bare = TempRepository.Create(bare: true);
        Tool.PutOnPath(bare);
        var before = RepositorySnapshot.Take(bare);

        var result = Tool.RunInstalled(bare, "scan", "staged");

        Assert.That(result.ExitCode, Is.EqualTo(3));
        AssertOneLineError(result, "hookguard: error: bare repository");
        before.AssertUnchanged(bare);
    }

    [Test]
    public void ScanStaged_DirectoryThatIsNotARepository_Exit3WithOneErrorLine()
    {
        var directory = Path.Combine(BaseDirectory, "not-a-repository");
        Directory.CreateDirectory(directory);

        var result = ProcessRunner.Run("sh", ["-c", "hookguard \"$@\"", "hookguard", "scan", "staged"], directory, _repo.Environment);

        Assert.That(result.ExitCode, Is.EqualTo(3));
        AssertOneLineError(result, "hookguard: error: not a git repository");
        Assert.That(Directory.EnumerateFileSystemEntries(directory), Is.Empty, "nothing written");
    }

    // ---- across a whole session ----

    [Test]
    public void CommitSession_SuccessfulThenBlocked_NoOutputLineHoldsATokenAndHooksAreByteIdentical()
    {
        CommitInitial();
        var oldToken = CommitLegacyToken("service.env", 1);
        var hooksDirectory = Path.Combine(_repo.Root, ".git", "hooks");
        var hooksBefore = HookFiles(hooksDirectory);

        // Successful, and not quiet, so that git's own summary is checked too: an edit next to the old token.
        _repo.Write("service.env", $"{Assignment(oldToken)}\n{TenLines("legacy")}added_setting = 2\n");
        _repo.Stage("service.env");
        var beforeSuccess = RepositorySnapshot.Take(_repo);
        var success = _repo.Git("commit", "-m", "edit next to the old token");
        Assert.That(success.ExitCode, Is.Zero, success.StandardError);
        Assert.That(RepositorySnapshot.After(_repo).FileHashes, Is.EquivalentTo(beforeSuccess.FileHashes));

        var newToken = Tool.Token(Rule, 2);
        _repo.Write("service.env", $"{Assignment(oldToken)}\n{TenLines("legacy")}added_setting = 2\nSECOND_{Assignment(newToken)}\n");
        _repo.Stage("service.env");
        var beforeBlocked = RepositorySnapshot.Take(_repo);
        var blocked = _repo.Git("commit", "-m", "a second token");
        AssertBlockedAt(blocked, "service.env:13:30", oldToken, newToken);
        beforeBlocked.AssertUnchanged(_repo);

        AssertNoToken(success, oldToken, newToken);
        AssertNoToken(blocked, oldToken, newToken);
        Assert.That(HookFiles(hooksDirectory), Is.EqualTo(hooksBefore), "hook files or their modes changed");
    }

    /// <summary>Each installed hook's bytes and (off Windows) file mode, one line per hook.</summary>
    private static string HookFiles(string hooksDirectory)
    {
        var state = new StringBuilder();
        foreach (var hook in HookNames.Select(name => Path.Combine(hooksDirectory, name)))
        {
            state.Append(Path.GetFileName(hook)).Append(' ').Append(Convert.ToHexString(File.ReadAllBytes(hook)));
            if (!OperatingSystem.IsWindows())
            {
                state.Append(' ').Append(File.GetUnixFileMode(hook));
            }

            state.Append('\n');
        }

        return state.ToString();
    }
}
