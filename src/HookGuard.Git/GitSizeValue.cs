namespace HookGuard.Git;

/// <summary>
/// An integer config value as git reads one with <c>--type=int</c> (git_parse_signed in config.c): C's strtoimax with
/// base 0 — optional leading white space and sign, <c>0x</c> for hexadecimal, a leading <c>0</c> for octal — then an
/// optional unit, <c>k</c>, <c>m</c> or <c>g</c> in either case, for 1024, 1024² and 1024³. Nothing else may follow.
/// </summary>
public static class GitSizeValue
{
    /// <returns>False for anything git would call a bad numeric value: no digits, another suffix, or beyond 64 bits.</returns>
    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan().TrimStart(" \t\n\v\f\r");
        var negative = span.Length > 0 && span[0] == '-';
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            span = span[1..];
        }

        var radix = 10;
        if (span.Length > 2 && span[0] == '0' && span[1] is 'x' or 'X' && Digit(span[2], 16) >= 0)
        {
            radix = 16;
            span = span[2..];
        }
        else if (span.Length > 0 && span[0] == '0')
        {
            radix = 8;
        }

        // git accepts ±(2^63 - 1), with the unit applied: beyond it (strtoimax's ERANGE, or its own check) is an error.
        long magnitude = 0;
        var digits = 0;
        while (digits < span.Length && Digit(span[digits], radix) is var digit and >= 0)
        {
            if (magnitude > (long.MaxValue - digit) / radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
            digits++;
        }

        if (digits == 0 || Factor(span[digits..]) is not { } factor || magnitude > long.MaxValue / factor)
        {
            return false;
        }

        var number = negative ? -magnitude : magnitude;
        value = number * factor;
        return true;
    }

    private static long? Factor(ReadOnlySpan<char> unit) => unit switch
    {
        "" => 1,
        "k" or "K" => 1024,
        "m" or "M" => 1024 * 1024,
        "g" or "G" => 1024 * 1024 * 1024,
        _ => null,
    };

    private static int Digit(char c, int radix)
    {
        var digit = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };
        return digit < radix ? digit : -1;
    }
}
