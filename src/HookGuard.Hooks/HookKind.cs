namespace HookGuard.Hooks;

/// <summary>The git hooks HookGuard can install. Each script is rendered from the template <c>hooks/hook-template.sh</c>.</summary>
public enum HookKind
{
    /// <summary>Scans the staged additions before the commit exists.</summary>
    PreCommit,

    /// <summary>Scans the commits being pushed (git passes the remote as arguments and the refs on stdin).</summary>
    PrePush,
}
