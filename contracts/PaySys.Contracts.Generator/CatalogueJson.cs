using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace PaySys.Contracts.Generator;

/// <summary>A JSON text the reader could not read, with where it stopped.</summary>
internal sealed class CatalogueJsonException(string message) : Exception(message);

/// <summary>
/// A small, strict JSON reader for the catalogue files. System.Text.Json would have to ship inside the analyzer
/// (a compiler host does not provide it on every SDK); these files need only objects, arrays, strings, integers,
/// booleans and null (and, for openrpc.json's examples, fractions). Objects become ordered lists of (name, value),
/// arrays lists, whole numbers longs and fractions decimals.
/// </summary>
internal sealed class CatalogueJson
{
    private readonly string text;
    private int position;

    private CatalogueJson(string text) => this.text = text;

    public static object? Parse(string text)
    {
        var reader = new CatalogueJson(text);
        var value = reader.ReadValue();
        reader.SkipWhiteSpace();
        if (reader.position != text.Length)
        {
            throw reader.Error("text after the end of the document");
        }

        return value;
    }

    private object? ReadValue()
    {
        SkipWhiteSpace();
        if (position >= text.Length)
        {
            throw Error("the document ends where a value was expected");
        }

        switch (text[position])
        {
            case '{': return ReadObject();
            case '[': return ReadArray();
            case '"': return ReadString();
            case 't': return ReadWord("true", true);
            case 'f': return ReadWord("false", false);
            case 'n': return ReadWord("null", null);
            default: return ReadNumber();
        }
    }

    private List<KeyValuePair<string, object?>> ReadObject()
    {
        var members = new List<KeyValuePair<string, object?>>();
        position++;
        SkipWhiteSpace();
        if (Peek() == '}')
        {
            position++;
            return members;
        }

        while (true)
        {
            SkipWhiteSpace();
            if (Peek() != '"')
            {
                throw Error("a member name was expected");
            }

            var name = ReadString();
            SkipWhiteSpace();
            Expect(':');
            members.Add(new KeyValuePair<string, object?>(name, ReadValue()));
            SkipWhiteSpace();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            Expect('}');
            return members;
        }
    }

    private List<object?> ReadArray()
    {
        var items = new List<object?>();
        position++;
        SkipWhiteSpace();
        if (Peek() == ']')
        {
            position++;
            return items;
        }

        while (true)
        {
            items.Add(ReadValue());
            SkipWhiteSpace();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            Expect(']');
            return items;
        }
    }

    private string ReadString()
    {
        position++;
        var builder = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error("a control character inside a string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escape = position < text.Length ? text[position++] : '\0';
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when position + 4 <= text.Length
                    && int.TryParse(text.Substring(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit):
                    builder.Append((char)unit);
                    position += 4;
                    break;
                default: throw Error("an unknown escape in a string");
            }
        }

        throw Error("a string that does not end");
    }

    private object ReadNumber()
    {
        var start = position;
        if (Peek() == '-')
        {
            position++;
        }

        while (position < text.Length && text[position] >= '0' && text[position] <= '9')
        {
            position++;
        }

        if (position < text.Length && (text[position] == '.' || text[position] == 'e' || text[position] == 'E'))
        {
            while (position < text.Length && "0123456789.eE+-".IndexOf(text[position]) >= 0)
            {
                position++;
            }

            return decimal.TryParse(text.Substring(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction)
                ? fraction
                : throw Error("a number was expected");
        }

        return long.TryParse(text.Substring(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error("a value was expected");
    }

    private object? ReadWord(string word, object? value)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            throw Error("a value was expected");
        }

        position += word.Length;
        return value;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"'{c}' was expected");
        }

        position++;
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipWhiteSpace()
    {
        while (position < text.Length && (text[position] == ' ' || text[position] == '\t' || text[position] == '\n' || text[position] == '\r'))
        {
            position++;
        }
    }

    private CatalogueJsonException Error(string problem)
    {
        var line = 1;
        for (var i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return new CatalogueJsonException($"line {line}: {problem}");
    }
}
