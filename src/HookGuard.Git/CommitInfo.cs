namespace HookGuard.Git;

/// <summary>A commit to scan.</summary>
/// <param name="Sha">The full 40-hex commit id.</param>
/// <param name="Subject">The first line of the commit message.</param>
public sealed record CommitInfo(string Sha, string Subject);
