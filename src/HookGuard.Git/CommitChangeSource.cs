using HookGuard.Detectors;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// Commits and the lines they added: the commits a push would publish, the commits in a revision range, the whole
/// history, and the added lines of each, text taken from the commits' blobs (never the work tree or HEAD). Every call
/// opens the repository once and disposes it; nothing in the repository is changed.
/// </summary>
public sealed class CommitChangeSource
{
    private const string RemoteTrackingPrefix = "refs/remotes/";

    private const string StashRef = "refs/stash";

    private readonly RepositoryLocation _location;
    private readonly StagedScanOptions _options;

    /// <param name="location">The repository, usually from <see cref="RepositoryLocator.Locate"/>; it may be bare.</param>
    public CommitChangeSource(RepositoryLocation location, StagedScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        _location = location;
        _options = options ?? new StagedScanOptions();
    }

    /// <summary>The full id of the commit <paramref name="revision"/> names (a ref, <c>HEAD</c>, an id), or null when it names none.</summary>
    /// <exception cref="HookGuardEnvironmentException">The repository cannot be read.</exception>
    public string? ResolveCommit(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return Use("a revision", repository =>
        {
            var target = repository.Lookup(revision);
            return target is null ? null : Peel(target)?.Sha;
        });
    }

    /// <summary>The commits a push would publish, oldest first (parents before children), each once even if several updates bring it.</summary>
    /// <remarks>
    /// Per update: a deletion brings nothing. A remote id this repository has: the commits in <c>remote..local</c>, less
    /// those any remote-tracking ref of <paramref name="remoteName"/> reaches (already published). A new
    /// remote ref, or a remote id this repository lacks (a force push over someone else's push, a shallow clone): the
    /// commits reachable from the local id and from no remote-tracking ref of <paramref name="remoteName"/>
    /// (<c>git rev-list local --not --remotes=remote</c>); when there is no such ref (or <paramref name="remoteName"/> is a URL)
    /// nothing is excluded. Tags, annotated or lightweight, bring the commits they peel to by the same rules; a tag of a
    /// tree or blob brings none.
    /// </remarks>
    /// <param name="remoteName">The pre-push hook's first argument: the remote's name, or its URL when it has none.</param>
    /// <exception cref="HookGuardEnvironmentException">A local id is not in this repository, or the repository cannot be read.</exception>
    public IReadOnlyList<CommitInfo> CommitsToPush(IReadOnlyList<PushUpdate> updates, string remoteName)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(remoteName);
        return Use("the commits to push", repository =>
        {
            var walks = new List<List<Commit>>();
            List<Commit>? remoteTracking = null;
            foreach (var update in updates)
            {
                if (update.IsDeletion)
                {
                    continue;
                }

                var local = (ObjectId.TryParse(update.LocalSha, out var localId) ? repository.Lookup(localId) : null)
                    ?? throw new HookGuardEnvironmentException(
                        $"cannot read the commits to push: {update.LocalSha} ({update.LocalRef}) is not in this repository",
                        "push from the repository the commits were made in");
                if (Peel(local) is not { } localCommit)
                {
                    continue;
                }

                // Whatever any remote-tracking ref of this remote reaches is published already; scanning it
                // again would only repeat old findings (a branch that merged main would rescan main).
                remoteTracking ??= RemoteTrackingCommits(repository, remoteName);
                var exclude = !update.IsNewRemoteRef && ObjectId.TryParse(update.RemoteSha, out var remoteId)
                    && repository.Lookup(remoteId) is { } remote && Peel(remote) is { } remoteCommit
                        ? [remoteCommit, .. remoteTracking]
                        : remoteTracking;
                walks.Add(Walk(repository, [localCommit], exclude));
            }

            return ToInfos(Combine(walks));
        });
    }

    /// <summary>The commits in a revision range, oldest first (parents before children).</summary>
    /// <remarks>
    /// <c>A..B</c>: reachable from B and not from A; <c>A...B</c>: reachable from either and not from both; either side may
    /// be empty and then means HEAD. A single revision <c>B</c>: every commit reachable from B. Revisions use git's syntax as
    /// libgit2's rev-parse accepts it: branch, tag, <c>origin/main</c>, <c>HEAD~3</c>, a full or short id.
    /// </remarks>
    /// <exception cref="HookGuardUsageException">A revision is unknown, ambiguous or not a commit.</exception>
    public IReadOnlyList<CommitInfo> CommitsInRange(string range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (string.IsNullOrWhiteSpace(range))
        {
            throw new HookGuardUsageException("empty revision range", "give a range such as origin/main..HEAD");
        }

        return Use("the commits in the range", repository =>
        {
            var symmetric = range.IndexOf("...", StringComparison.Ordinal);
            if (symmetric >= 0)
            {
                var left = Resolve(repository, range[..symmetric]);
                var right = Resolve(repository, range[(symmetric + 3)..]);
                return ToInfos(Combine([Walk(repository, [left], [right]), Walk(repository, [right], [left])]));
            }

            var dots = range.IndexOf("..", StringComparison.Ordinal);
            if (dots >= 0)
            {
                var from = Resolve(repository, range[..dots]);
                var to = Resolve(repository, range[(dots + 2)..]);
                return ToInfos(Walk(repository, [to], [from]));
            }

            return ToInfos(Walk(repository, [Resolve(repository, range)], []));
        });
    }

    /// <summary>Every commit reachable from any ref, for <c>scan history</c>: each once, parents before children, otherwise oldest first.</summary>
    /// <remarks>
    /// The refs are those <c>git rev-list --all</c> starts from — every ref under <c>refs/</c> (branches, tags, remote-tracking
    /// refs, notes, whatever else a mirror clone brings) and a detached HEAD — except <c>refs/stash</c>: a stash is
    /// uncommitted work that is never pushed, and only the newest one is a ref (older ones live in its reflog), so it
    /// would be scanned in part at best. Tags are peeled; a tag of a tree or blob and a dangling symbolic ref bring
    /// nothing. The order: a commit comes after all its parents, and of the commits whose parents have all come, the one
    /// with the oldest committer date comes first (ties in libgit2's topological order) — so the first commit in the
    /// list to hold a line is the one that introduced it, across branches too.
    /// </remarks>
    /// <exception cref="HookGuardEnvironmentException">A ref points at a missing object, or the repository cannot be read.</exception>
    public IReadOnlyList<CommitInfo> AllCommits() =>
        Use("the history", repository =>
        {
            var tips = new List<Commit>();
            foreach (var reference in repository.Refs)
            {
                if (reference.CanonicalName == StashRef || reference.ResolveToDirectReference() is not { } direct)
                {
                    continue;
                }

                var target = direct.Target ?? throw new HookGuardEnvironmentException(
                    $"cannot read the history: {reference.CanonicalName} points at {direct.TargetIdentifier}, which is not in this repository");
                if (Peel(target) is { } commit)
                {
                    tips.Add(commit);
                }
            }

            if (repository.Info.IsHeadDetached && repository.Head.Tip is { } detached)
            {
                tips.Add(detached);
            }

            return tips.Count == 0 ? [] : OldestFirst(Query(repository, tips, []));
        });

    /// <summary>The lines each commit added, one fragment per run with <see cref="ScanFragment.Commit"/> set to the full id.</summary>
    /// <remarks>
    /// A commit with one parent (or none: then against the empty tree) is read as the staged source reads the index against
    /// HEAD: renames, copies of files the commit modifies, and exact copies of any file detected, only changed lines, binary, large, submodule, symlink, mode-only and deleted entries skipped
    /// and counted alike. A merge yields only the lines that are new against every parent: each file's added lines against
    /// each parent's version of it (same path, or the rename source), intersected; a file identical to one parent's version
    /// adds nothing. So merging main into a branch does not read main's lines again, while a line written while resolving a
    /// conflict, or added in the merge itself, is read.
    /// </remarks>
    /// <exception cref="HookGuardEnvironmentException">A commit is not in this repository, or the repository cannot be read.</exception>
    public CommitChanges Read(IReadOnlyList<CommitInfo> commits) => Read(commits, history: false, progress: null);

    /// <summary>
    /// The lines a history added, for <c>scan history</c>: as <see cref="Read(IReadOnlyList{CommitInfo})"/> gives them,
    /// except that a copied file is read whole under its new path (an audit reports the copy's first commit: its findings
    /// have other fingerprints than the original's), and that a file version whose every line was already read under
    /// the same path earlier in the list is not read, decoded or diffed again (a revert, a re-applied change, a
    /// cherry-pick, a merge repeating a version).
    /// </summary>
    /// <remarks>
    /// What is skipped could only repeat findings already made under the same fingerprint in an earlier commit (the
    /// reasoning is in <see cref="TreeChangeReader"/>), so a scan that keeps the first finding per fingerprint finds
    /// exactly what it would find reading every commit in full (<see cref="ReadHistoryInFull"/>). For that first finding
    /// to be the introducing commit, pass the commits as <see cref="AllCommits"/> orders them.
    /// </remarks>
    /// <param name="progress">Called after each commit with the commits read so far and the total.</param>
    /// <param name="onFragment">
    /// Given each fragment as it is read; the result's <see cref="CommitChanges.Fragments"/> is then empty, so memory does
    /// not grow with the length of the history. Null collects them in the result.
    /// </param>
    /// <exception cref="HookGuardEnvironmentException">A commit is not in this repository, or the repository cannot be read.</exception>
    public CommitChanges ReadHistory(IReadOnlyList<CommitInfo> commits, Action<int, int>? progress = null, Action<ScanFragment>? onFragment = null)
    {
        RepositoryAccess.StopCachingObjects();
        RepositoryAccess.LimitPackMapping();
        return Read(commits, history: true, progress, onFragment);
    }

    /// <summary>What <see cref="ReadHistory"/> would give if it skipped nothing: the measure its skipping is tested against.</summary>
    internal CommitChanges ReadHistoryInFull(IReadOnlyList<CommitInfo> commits) => Read(commits, history: true, progress: null, skipCovered: false);

    private CommitChanges Read(
        IReadOnlyList<CommitInfo> commits, bool history, Action<int, int>? progress, Action<ScanFragment>? onFragment = null, bool skipCovered = true)
    {
        ArgumentNullException.ThrowIfNull(commits);
        return Use("the commits", repository =>
        {
            var reader = new TreeChangeReader(repository, _options, history, skipCovered: history && skipCovered) { FragmentSink = onFragment };
            for (var i = 0; i < commits.Count; i++)
            {
                var info = commits[i];
                var commit = (ObjectId.TryParse(info.Sha, out var id) ? repository.Lookup<Commit>(id) : null)
                    ?? throw new HookGuardEnvironmentException($"cannot read the commits: commit {info.Sha} is not in this repository");
                ReadCommit(repository, reader, commit);
                progress?.Invoke(i + 1, commits.Count);
            }

            reader.Statistics.Commits = commits.Count;
            return new CommitChanges(reader.Fragments, commits, reader.Statistics, reader.LargeFiles) { BlobsRead = reader.BlobsRead };
        });
    }

    private static void ReadCommit(Repository repository, TreeChangeReader reader, Commit commit)
    {
        var parents = commit.Parents.ToList();
        if (parents.Count <= 1)
        {
            // A root commit compares with the empty tree (a null tree).
            reader.Read(TreeAgainst(repository, parents.FirstOrDefault()?.Tree, commit.Tree), commit.Sha, oldSideIsEmpty: parents.Count == 0);
            return;
        }

        reader.ReadMerge(parents.ConvertAll(parent => TreeAgainst(repository, parent.Tree, commit.Tree)), commit.Sha);
    }

    private static Func<CompareOptions, TreeChanges> TreeAgainst(Repository repository, Tree? oldTree, Tree newTree) =>
        compareOptions => repository.Diff.Compare<TreeChanges>(oldTree, newTree, compareOptions);

    private T Use<T>(string what, Func<Repository, T> read)
    {
        try
        {
            using var repository = RepositoryAccess.Open(_location);
            return read(repository);
        }
        catch (Exception exception) when (exception is LibGit2SharpException or DllNotFoundException)
        {
            throw new HookGuardEnvironmentException($"cannot read {what}: {RepositoryAccess.OneLine(exception.Message)}", exception);
        }
    }

    /// <summary>The commits reachable from <paramref name="include"/> and from none of <paramref name="exclude"/>, parents first.</summary>
    private static List<Commit> Walk(Repository repository, List<Commit> include, List<Commit> exclude) => [.. Query(repository, include, exclude)];

    /// <summary>As <see cref="Walk"/>, commit by commit as libgit2's walk yields them.</summary>
    private static IEnumerable<Commit> Query(Repository repository, List<Commit> include, List<Commit> exclude) =>
        repository.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = include,
            ExcludeReachableFrom = exclude,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        });

    /// <summary>The commits the remote-tracking refs of <paramref name="remoteName"/> point at (none for a URL or an unknown remote).</summary>
    private static List<Commit> RemoteTrackingCommits(Repository repository, string remoteName)
    {
        // Filtered by prefix rather than by a glob of the name, so a remote name with glob characters matches only itself.
        var prefix = RemoteTrackingPrefix + remoteName + "/";
        var commits = new List<Commit>();
        foreach (var reference in repository.Refs.FromGlob(RemoteTrackingPrefix + "*"))
        {
            // refs/remotes/origin/HEAD is symbolic; a dangling one resolves to nothing.
            if (reference.CanonicalName.StartsWith(prefix, StringComparison.Ordinal)
                && reference.ResolveToDirectReference()?.Target is { } target
                && Peel(target) is { } commit)
            {
                commits.Add(commit);
            }
        }

        return commits;
    }

    /// <summary>The commit a revision names; an empty side of a range is HEAD.</summary>
    private static Commit Resolve(Repository repository, string revision)
    {
        var name = revision.Length == 0 ? "HEAD" : revision;
        GitObject? target;
        try
        {
            target = repository.Lookup(name);
        }
        catch (AmbiguousSpecificationException)
        {
            throw new HookGuardUsageException($"ambiguous revision '{name}'", "give more digits of the id, or a ref name");
        }
        catch (LibGit2SharpException)
        {
            // Syntax rev-parse rejects (HEAD~x, a:b:c) names no revision either.
            target = null;
        }

        if (target is null)
        {
            throw new HookGuardUsageException($"unknown revision '{name}'");
        }

        return Peel(target) ?? throw new HookGuardUsageException($"revision '{name}' is not a commit");
    }

    /// <summary>The commit an object is or, through (nested) annotated tags, points at; null for trees and blobs.</summary>
    private static Commit? Peel(GitObject target)
    {
        while (target is TagAnnotation annotation)
        {
            target = annotation.Target;
        }

        return target as Commit;
    }

    /// <summary>
    /// Several walks as one list: each commit once, parents before children. One walk is already that; for more, a
    /// depth-first pass puts a commit's parents that are in the list before it, keeping the walks' order otherwise.
    /// </summary>
    private static List<Commit> Combine(List<List<Commit>> walks)
    {
        if (walks.Count == 1)
        {
            return walks[0];
        }

        var members = new Dictionary<ObjectId, Commit>();
        foreach (var commit in walks.SelectMany(walk => walk))
        {
            members.TryAdd(commit.Id, commit);
        }

        var result = new List<Commit>(members.Count);
        var placed = new HashSet<ObjectId>();
        // An explicit stack: a long chain of parents must not overflow the call stack.
        var pending = new Stack<(Commit Commit, bool ParentsPlaced)>();
        foreach (var start in walks.SelectMany(walk => walk))
        {
            pending.Push((start, false));
            while (pending.TryPop(out var item))
            {
                if (placed.Contains(item.Commit.Id))
                {
                    continue;
                }

                if (item.ParentsPlaced)
                {
                    placed.Add(item.Commit.Id);
                    result.Add(item.Commit);
                    continue;
                }

                pending.Push((item.Commit, true));
                foreach (var parent in item.Commit.Parents.Reverse())
                {
                    if (!placed.Contains(parent.Id) && members.TryGetValue(parent.Id, out var member))
                    {
                        pending.Push((member, false));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A topological walk reordered so that, of the commits whose parents have all been placed, the oldest (committer
    /// date) comes next: parents still come before children, and commits on different branches interleave by date
    /// instead of one branch after another. Ties keep the walk's order.
    /// </summary>
    /// <remarks>
    /// The whole history is held while it is ordered, so each commit is reduced to what ordering needs as the walk yields
    /// it. Holding LibGit2Sharp's commit objects instead (each with its parents, signatures and message loaded once
    /// touched) made this list most of a long history scan's peak memory (docs/performance.md).
    /// </remarks>
    private static List<CommitInfo> OldestFirst(IEnumerable<Commit> topological)
    {
        var walked = new List<WalkedCommit>();
        foreach (var commit in topological)
        {
            walked.Add(new WalkedCommit(
                new CommitInfo(commit.Sha, Subject(commit.Message)), commit.Committer.When, [.. commit.Parents.Select(parent => parent.Sha)]));
        }

        var position = new Dictionary<string, int>(walked.Count, StringComparer.Ordinal);
        for (var i = 0; i < walked.Count; i++)
        {
            position[walked[i].Info.Sha] = i;
        }

        var unplacedParents = new int[walked.Count];
        var children = new List<int>?[walked.Count];
        for (var i = 0; i < walked.Count; i++)
        {
            foreach (var parent in walked[i].ParentShas)
            {
                // A parent outside the list (a shallow clone's boundary) never comes, so it is not waited for.
                if (position.TryGetValue(parent, out var parentPosition))
                {
                    unplacedParents[i]++;
                    (children[parentPosition] ??= []).Add(i);
                }
            }
        }

        var ready = new PriorityQueue<int, (DateTimeOffset When, int Position)>();
        for (var i = 0; i < walked.Count; i++)
        {
            if (unplacedParents[i] == 0)
            {
                ready.Enqueue(i, (walked[i].When, i));
            }
        }

        var ordered = new List<CommitInfo>(walked.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            ordered.Add(walked[next].Info);
            foreach (var child in children[next] ?? [])
            {
                if (--unplacedParents[child] == 0)
                {
                    ready.Enqueue(child, (walked[child].When, child));
                }
            }
        }

        return ordered;
    }

    /// <summary>A commit of a walk, as much as <see cref="OldestFirst"/> needs of it.</summary>
    private readonly record struct WalkedCommit(CommitInfo Info, DateTimeOffset When, string[] ParentShas);

    private static List<CommitInfo> ToInfos(List<Commit> commits) =>
        commits.ConvertAll(commit => new CommitInfo(commit.Sha, Subject(commit.Message)));

    /// <summary>The first line of a commit message.</summary>
    private static string Subject(string? message)
    {
        var text = (message ?? "").AsSpan();
        var end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).TrimEnd('\r').ToString();
    }
}
