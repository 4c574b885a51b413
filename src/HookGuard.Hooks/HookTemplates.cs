using System.Collections.Frozen;
using System.Text;

namespace HookGuard.Hooks;

/// <summary>The hook script templates embedded from the top-level <c>hooks/</c> folder, and how to recognise them.</summary>
internal static class HookTemplates
{
    // One line per hook: git's name for it. The template is embedded as "HookGuard.Hooks.<name>" (see the .csproj).
    private static readonly FrozenDictionary<HookKind, string> Names = new Dictionary<HookKind, string>
    {
        [HookKind.PreCommit] = "pre-commit",
    }.ToFrozenDictionary();

    private static readonly byte[] MarkerAtLineStart = Encoding.UTF8.GetBytes("\n" + HookInstaller.Marker);

    private static readonly Lazy<FrozenDictionary<HookKind, byte[]>> Templates = new(LoadTemplates);

    public static string Name(HookKind hook) =>
        Names.TryGetValue(hook, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(hook), hook, "unknown hook kind");

    /// <summary>The exact bytes HookGuard writes for <paramref name="hook"/>.</summary>
    public static ReadOnlySpan<byte> Template(HookKind hook) => Templates.Value[hook];

    /// <summary>True when a line of <paramref name="content"/> starts with <see cref="HookInstaller.Marker"/>.</summary>
    public static bool IsOurs(ReadOnlySpan<byte> content) =>
        content.StartsWith(MarkerAtLineStart.AsSpan(1)) || content.IndexOf(MarkerAtLineStart) >= 0;

    private static FrozenDictionary<HookKind, byte[]> LoadTemplates()
    {
        var assembly = typeof(HookTemplates).Assembly;
        var templates = new Dictionary<HookKind, byte[]>();
        foreach (var (hook, name) in Names)
        {
            var resource = "HookGuard.Hooks." + name;
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"hook template {resource} is not embedded in {assembly.GetName().Name}");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            templates[hook] = buffer.ToArray();
        }

        return templates.ToFrozenDictionary();
    }
}
