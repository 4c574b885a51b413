namespace HookGuard.Git;

/// <summary>One line of pre-push stdin: <c>&lt;local ref&gt; SP &lt;local sha&gt; SP &lt;remote ref&gt; SP &lt;remote sha&gt;</c>.</summary>
/// <param name="LocalRef">The local ref pushed (<c>refs/heads/main</c>), what the user named (<c>HEAD~1</c>), or <c>(delete)</c>.</param>
/// <param name="LocalSha">The object pushed; all zeros when the remote ref is deleted.</param>
/// <param name="RemoteRef">The ref updated on the remote.</param>
/// <param name="RemoteSha">What the remote ref points at now as far as git knows; all zeros when it does not exist yet.</param>
public sealed record PushUpdate(string LocalRef, string LocalSha, string RemoteRef, string RemoteSha)
{
    /// <summary>The push deletes the remote ref: nothing is published.</summary>
    public bool IsDeletion => IsZero(LocalSha);

    /// <summary>The remote ref does not exist yet (a new branch or tag).</summary>
    public bool IsNewRemoteRef => IsZero(RemoteSha);

    private static bool IsZero(string sha) => sha.Length > 0 && !sha.AsSpan().ContainsAnyExcept('0');
}
