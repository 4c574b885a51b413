using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HookGuard.Detectors.Generator;

/// <summary>
/// A small JSON reader for the rule files: objects become dictionaries, arrays lists, numbers doubles. Comments and
/// trailing commas are accepted, as by the runtime's reader. A generator cannot easily carry System.Text.Json into
/// the compiler's process, and the tests parse the same files with System.Text.Json and compare the result.
/// </summary>
internal sealed class JsonText
{
    private readonly string _text;
    private int _at;

    private JsonText(string text) => _text = text;

    /// <exception cref="FormatException">Not valid JSON; the message names the line.</exception>
    public static object? Parse(string text)
    {
        var reader = new JsonText(text);
        var value = reader.ReadValue();
        reader.SkipSpace();
        if (reader._at != text.Length)
        {
            throw reader.Error("text after the JSON value");
        }

        return value;
    }

    private object? ReadValue()
    {
        SkipSpace();
        if (_at >= _text.Length)
        {
            throw Error("unexpected end");
        }

        switch (_text[_at])
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"':
                return ReadString();
            case 't':
                return ReadWord("true", true);
            case 'f':
                return ReadWord("false", false);
            case 'n':
                return ReadWord("null", null);
            default:
                return ReadNumber();
        }
    }

    private Dictionary<string, object?> ReadObject()
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        _at++;
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _at++;
                return members;
            }

            var name = ReadString();
            SkipSpace();
            Expect(':');
            members[name] = ReadValue();
            SkipSpace();
            if (Peek() == ',')
            {
                _at++;
            }
            else if (Peek() != '}')
            {
                throw Error("expected ',' or '}'");
            }
        }
    }

    private List<object?> ReadArray()
    {
        var items = new List<object?>();
        _at++;
        while (true)
        {
            SkipSpace();
            if (Peek() == ']')
            {
                _at++;
                return items;
            }

            items.Add(ReadValue());
            SkipSpace();
            if (Peek() == ',')
            {
                _at++;
            }
            else if (Peek() != ']')
            {
                throw Error("expected ',' or ']'");
            }
        }
    }

    private string ReadString()
    {
        Expect('"');
        var value = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_at++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escape = _at < _text.Length ? _text[_at++] : '\0';
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u' when _at + 4 <= _text.Length
                    && ushort.TryParse(_text.Substring(_at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    _at += 4;
                    break;
                default:
                    throw Error("bad escape in string");
            }
        }
    }

    private object? ReadWord(string word, object? value)
    {
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
        {
            throw Error("unexpected word");
        }

        _at += word.Length;
        return value;
    }

    private double ReadNumber()
    {
        var start = _at;
        while (_at < _text.Length && "+-0123456789.eE".IndexOf(_text[_at]) >= 0)
        {
            _at++;
        }

        if (!double.TryParse(_text.Substring(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw Error("expected a value");
        }

        return number;
    }

    private void SkipSpace()
    {
        while (_at < _text.Length)
        {
            var c = _text[_at];
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            {
                _at++;
            }
            else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '/')
            {
                var end = _text.IndexOf('\n', _at);
                _at = end < 0 ? _text.Length : end + 1;
            }
            else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '*')
            {
                var end = _text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                _at = end < 0 ? throw Error("unterminated comment") : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _at < _text.Length ? _text[_at] : throw Error("unexpected end");

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"expected '{c}'");
        }

        _at++;
    }

    private FormatException Error(string message)
    {
        var line = 1;
        for (var i = 0; i < _at && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
            }
        }

        return new FormatException($"line {line}: {message}");
    }
}
