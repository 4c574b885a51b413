using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace HookGuard.Hooks;

/// <summary>
/// The hook scripts HookGuard writes, and how to recognise them. Every hook is rendered from the one template
/// <c>hooks/hook-template.sh</c> (embedded as <c>HookGuard.Hooks.hook-template.sh</c>, see the .csproj) by replacing its
/// <c>@NAME@</c> placeholders, so the PATH and <c>~/.dotnet/tools</c> lookup is written once while each
/// installed script is plain shell with nothing left to substitute.
/// </summary>
internal static partial class HookTemplates
{
    private const string TemplateResource = "HookGuard.Hooks.hook-template.sh";

    // One line per hook: git's name for it, the git command it guards, and what it blocks (line 3 of the script).
    private static readonly FrozenDictionary<HookKind, HookText> Hooks = new Dictionary<HookKind, HookText>
    {
        [HookKind.PreCommit] = new("pre-commit", "commit", "commits"),
        [HookKind.PrePush] = new("pre-push", "push", "pushes of commits"),
    }.ToFrozenDictionary();

    private static readonly byte[] MarkerAtLineStart = Encoding.UTF8.GetBytes("\n" + HookInstaller.Marker);

    private static readonly Lazy<FrozenDictionary<HookKind, byte[]>> Templates = new(() => LoadTemplates(runsRepositoryHook: false));

    private static readonly Lazy<FrozenDictionary<HookKind, byte[]>> GlobalTemplates = new(() => LoadTemplates(runsRepositoryHook: true));

    public static string Name(HookKind hook) => Text(hook).Name;

    /// <summary>The git command the hook guards (<c>commit</c>, <c>push</c>): its <c>--no-verify</c> bypasses the hook.</summary>
    public static string GitCommand(HookKind hook) => Text(hook).GitCommand;

    /// <summary>The exact bytes HookGuard writes for <paramref name="hook"/> into a repository's own hooks directory.</summary>
    public static ReadOnlySpan<byte> Template(HookKind hook) => Templates.Value[hook];

    /// <summary>
    /// The script for a hooks directory that replaces the repository's own (<c>--global</c>, <c>--shared</c>): it also runs
    /// the repository's <c>.git/hooks/&lt;hook&gt;</c>, which git no longer runs once <c>core.hooksPath</c> points elsewhere.
    /// </summary>
    public static ReadOnlySpan<byte> Template(HookKind hook, bool runsRepositoryHook) =>
        runsRepositoryHook ? GlobalTemplates.Value[hook] : Templates.Value[hook];

    /// <summary>The first line of the block HookGuard adds to a hook manager's hook file (Husky's <c>.husky/pre-commit</c>).</summary>
    public static string BlockBegin(HookKind hook) =>
        $"# >>> hookguard {Name(hook)} >>> added by `hookguard install`; `hookguard uninstall` removes this block";

    /// <summary>The last line of that block.</summary>
    public static string BlockEnd(HookKind hook) => $"# <<< hookguard {Name(hook)} <<<";

    /// <summary>
    /// The block for a hook manager's file: the whole script in a subshell, so its <c>exit</c>s end only the block and a
    /// failure stops the manager's hook. Indented, so the file is not mistaken for a script HookGuard owns.
    /// </summary>
    public static string Block(HookKind hook)
    {
        var script = Encoding.UTF8.GetString(Template(hook));
        // Without the script's comments: the block sits in a file the team reads, and its first line says what it is.
        var body = script.TrimEnd('\n').Split('\n')
            .Where(line => !line.TrimStart().StartsWith('#'))
            .SkipWhile(line => line.Length == 0)
            .Select(line => line.Length == 0 ? "" : "    " + line);
        return $"{BlockBegin(hook)}\n(\n{string.Join('\n', body)}\n) || exit $?\n{BlockEnd(hook)}\n";
    }

    /// <summary>True when a line of <paramref name="content"/> starts with <see cref="HookInstaller.Marker"/>.</summary>
    public static bool IsOurs(ReadOnlySpan<byte> content) =>
        content.StartsWith(MarkerAtLineStart.AsSpan(1)) || content.IndexOf(MarkerAtLineStart) >= 0;

    /// <summary>Fills the template's placeholders for one hook; throws if any <c>@NAME@</c> is unknown or left over.</summary>
    internal static string Render(string template, HookKind hook, bool runsRepositoryHook = false)
    {
        var text = Text(hook);
        var script = template
            .Replace("@RUNS_REPOSITORY_HOOK@", runsRepositoryHook ? "1" : "0", StringComparison.Ordinal)
            .Replace("@HOOK@", text.Name, StringComparison.Ordinal)
            .Replace("@GIT_COMMAND@", text.GitCommand, StringComparison.Ordinal)
            .Replace("@BLOCKED@", text.Blocked, StringComparison.Ordinal);
        var leftOver = Placeholder().Match(script);
        return leftOver.Success
            ? throw new InvalidOperationException($"hook template placeholder {leftOver.Value} has no value for {text.Name}")
            : script;
    }

    private static HookText Text(HookKind hook) =>
        Hooks.TryGetValue(hook, out var text)
            ? text
            : throw new ArgumentOutOfRangeException(nameof(hook), hook, "unknown hook kind");

    private static FrozenDictionary<HookKind, byte[]> LoadTemplates(bool runsRepositoryHook)
    {
        var assembly = typeof(HookTemplates).Assembly;
        using var stream = assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"hook template {TemplateResource} is not embedded in {assembly.GetName().Name}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var template = Encoding.UTF8.GetString(buffer.ToArray());
        return Hooks.Keys.ToFrozenDictionary(hook => hook, hook => Encoding.UTF8.GetBytes(Render(template, hook, runsRepositoryHook)));
    }

    [GeneratedRegex("@[A-Z_]+@")]
    private static partial Regex Placeholder();

    /// <param name="Name">git's name for the hook, e.g. <c>pre-commit</c>.</param>
    /// <param name="GitCommand">The command whose <c>--no-verify</c> skips the hook, e.g. <c>commit</c>.</param>
    /// <param name="Blocked">What the hook blocks, as a plural noun phrase, e.g. <c>commits</c>.</param>
    private sealed record HookText(string Name, string GitCommand, string Blocked);
}
