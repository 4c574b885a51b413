namespace HookGuard.Hooks;

/// <summary>The git hooks HookGuard can install. Each has a template in the top-level <c>hooks/</c> folder.</summary>
public enum HookKind
{
    /// <summary>Scans the staged additions before the commit exists.</summary>
    PreCommit,
}
