using System.Text.Json;

namespace HookGuard.Config;

/// <summary>
/// The line of every value in a JSON document, by its path as System.Text.Json writes paths (<c>$.allow.regexes[1]</c>),
/// so that a problem found after parsing (a pattern that does not compile) can name its line like a syntax error does.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>Maps a document that has already parsed (without a byte order mark); comments and trailing commas as the config allows them.</summary>
    public static JsonLineMap Build(byte[] utf8)
    {
        var map = new JsonLineMap();
        var lineStarts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineOf(long offset)
        {
            var index = lineStarts.BinarySearch(offset);
            return (index < 0 ? ~index - 1 : index) + 1;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        // Each open container: the path to it and, for an array, the index of the next element.
        var containers = new Stack<(string Path, int NextIndex)>();
        string? pendingProperty = null;
        while (reader.Read())
        {
            var line = LineOf(reader.TokenStartIndex);
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = containers.Peek().Path + "." + reader.GetString();
                // A key given twice: the serializer keeps the last value, so problems belong on the last one's line.
                map._lines[pendingProperty] = line;
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }

            string path;
            var keyed = pendingProperty is not null;
            if (pendingProperty is not null)
            {
                path = pendingProperty;
                pendingProperty = null;
            }
            else if (containers.Count == 0)
            {
                path = "$";
            }
            else
            {
                var (arrayPath, index) = containers.Pop();
                containers.Push((arrayPath, index + 1));
                path = $"{arrayPath}[{index}]";
            }

            if (!keyed)
            {
                // A keyed value keeps its key's line (set above); an array element or the root has only its own.
                map._lines[path] = line;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                containers.Push((path, 0));
            }
        }

        return map;
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest parent that is in the document (a missing key: the object's line).</summary>
    public int LineOf(string path)
    {
        var current = path;
        while (true)
        {
            if (_lines.TryGetValue(current, out var line))
            {
                return line;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return 1;
            }

            current = current[..cut];
        }
    }

    /// <summary>The path of a property inside <paramref name="parent"/>, dotted as the map keys it.</summary>
    public static string Child(string parent, string? property) =>
        property is null ? parent : $"{parent}.{property}";
}
