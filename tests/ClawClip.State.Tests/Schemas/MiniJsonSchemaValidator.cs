using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClawClip.State.Tests.Schemas;

/// <summary>
/// A JSON Schema (draft 2020-12) validator for exactly the keywords claw.clip's schemas use. Any other
/// keyword throws <see cref="NotSupportedException"/>: a schema must never pass a file because a keyword
/// was silently skipped. <c>format</c> knows only <c>date-time</c>, checked as RFC 3339.
/// </summary>
internal sealed partial class MiniJsonSchemaValidator
{
    private readonly JsonElement root;
    private readonly Dictionary<string, Regex> patterns = new(StringComparer.Ordinal);

    public MiniJsonSchemaValidator(JsonElement schema) => root = schema.Clone();

    public static MiniJsonSchemaValidator Parse(string schemaJson)
    {
        using var document = JsonDocument.Parse(schemaJson);
        return new MiniJsonSchemaValidator(document.RootElement);
    }

    /// <summary>Every way <paramref name="instance"/> breaks the schema, each naming where; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(root, "#", instance, "$", errors);
        return errors;
    }

    public IReadOnlyList<string> Validate(string instanceJson)
    {
        using var document = JsonDocument.Parse(instanceJson);
        return Validate(document.RootElement);
    }

    private void Check(JsonElement schema, string schemaPath, JsonElement instance, string at, List<string> errors)
    {
        if (schema.ValueKind is JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind is JsonValueKind.False)
        {
            errors.Add($"{at}: nothing is allowed here");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            var here = $"{schemaPath}/{keyword.Name}";
            switch (keyword.Name)
            {
                case "$schema" or "$id" or "title" or "description" or "$comment" or "$defs":
                    break; // annotations; $defs are reached through $ref
                case "$ref":
                    Check(Resolve(value.GetString()!), value.GetString()!, instance, at, errors);
                    break;
                case "type":
                    CheckType(value, instance, at, errors);
                    break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                    {
                        errors.Add($"{at}: {instance.GetRawText()} is not {value.GetRawText()}");
                    }

                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(option => JsonElement.DeepEquals(option, instance)))
                    {
                        errors.Add($"{at}: {instance.GetRawText()} is not one of {string.Join(", ", value.EnumerateArray().Select(o => o.GetRawText()))}");
                    }

                    break;
                case "anyOf":
                    CheckAnyOf(value, here, instance, at, errors);
                    break;
                case "pattern" when instance.ValueKind is JsonValueKind.String:
                    if (!Pattern(value.GetString()!).IsMatch(instance.GetString()!))
                    {
                        errors.Add($"{at}: {instance.GetRawText()} does not match {value.GetString()}");
                    }

                    break;
                case "minLength" when instance.ValueKind is JsonValueKind.String:
                    if (CodePoints(instance.GetString()!) < value.GetInt32())
                    {
                        errors.Add($"{at}: {instance.GetRawText()} is shorter than {value.GetInt32()} characters");
                    }

                    break;
                case "maxLength" when instance.ValueKind is JsonValueKind.String:
                    if (CodePoints(instance.GetString()!) > value.GetInt32())
                    {
                        errors.Add($"{at}: {instance.GetRawText()} is longer than {value.GetInt32()} characters");
                    }

                    break;
                case "format":
                    CheckFormat(value.GetString()!, instance, at, errors);
                    break;
                case "minimum" when instance.ValueKind is JsonValueKind.Number:
                    if (instance.GetDouble() < value.GetDouble())
                    {
                        errors.Add($"{at}: {instance.GetRawText()} is less than the minimum {value.GetRawText()}");
                    }

                    break;
                case "maximum" when instance.ValueKind is JsonValueKind.Number:
                    if (instance.GetDouble() > value.GetDouble())
                    {
                        errors.Add($"{at}: {instance.GetRawText()} is more than the maximum {value.GetRawText()}");
                    }

                    break;
                case "required" when instance.ValueKind is JsonValueKind.Object:
                    foreach (var name in value.EnumerateArray().Select(n => n.GetString()!))
                    {
                        if (!instance.TryGetProperty(name, out _))
                        {
                            errors.Add($"{at}: the required property \"{name}\" is missing");
                        }
                    }

                    break;
                case "properties" when instance.ValueKind is JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        if (instance.TryGetProperty(property.Name, out var member))
                        {
                            Check(property.Value, $"{here}/{property.Name}", member, $"{at}.{property.Name}", errors);
                        }
                    }

                    break;
                case "additionalProperties":
                    CheckAdditionalProperties(schema, value, here, instance, at, errors);
                    break;
                case "items" when instance.ValueKind is JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in instance.EnumerateArray())
                    {
                        Check(value, here, item, $"{at}[{index++}]", errors);
                    }

                    break;
                case "minItems" when instance.ValueKind is JsonValueKind.Array:
                    if (instance.GetArrayLength() < value.GetInt32())
                    {
                        errors.Add($"{at}: has {instance.GetArrayLength()} items, fewer than {value.GetInt32()}");
                    }

                    break;
                case "pattern" or "minLength" or "maxLength" or "minimum" or "maximum"
                    or "required" or "properties" or "items" or "minItems":
                    break; // applies to another kind of value than this instance
                default:
                    throw new NotSupportedException($"{here}: this validator does not know the keyword \"{keyword.Name}\"");
            }
        }
    }

    private static void CheckType(JsonElement type, JsonElement instance, string at, List<string> errors)
    {
        var allowed = type.ValueKind is JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [type.GetString()!];
        if (!allowed.Any(name => IsOfType(name, instance)))
        {
            errors.Add($"{at}: {instance.GetRawText()} is not of type {string.Join(" or ", allowed)}");
        }
    }

    private static bool IsOfType(string type, JsonElement instance) => type switch
    {
        "object" => instance.ValueKind is JsonValueKind.Object,
        "array" => instance.ValueKind is JsonValueKind.Array,
        "string" => instance.ValueKind is JsonValueKind.String,
        "number" => instance.ValueKind is JsonValueKind.Number,
        "integer" => instance.ValueKind is JsonValueKind.Number && IsWhole(instance),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind is JsonValueKind.Null,
        _ => throw new NotSupportedException($"\"{type}\" is not a JSON Schema type"),
    };

    // 2020-12: an integer is any number with no fractional part, so 2.0 is one.
    private static bool IsWhole(JsonElement number) =>
        number.TryGetDecimal(out var d) ? d == decimal.Truncate(d) : double.IsInteger(number.GetDouble());

    private void CheckAnyOf(JsonElement options, string schemaPath, JsonElement instance, string at, List<string> errors)
    {
        var failures = new List<string>();
        var i = 0;
        foreach (var option in options.EnumerateArray())
        {
            var attempt = new List<string>();
            Check(option, $"{schemaPath}/{i++}", instance, at, attempt);
            if (attempt.Count == 0)
            {
                return;
            }

            failures.AddRange(attempt);
        }

        errors.Add($"{at}: matches none of the allowed shapes ({string.Join("; ", failures)})");
    }

    private static void CheckAdditionalProperties(JsonElement schema, JsonElement value, string schemaPath, JsonElement instance, string at, List<string> errors)
    {
        if (value.ValueKind is JsonValueKind.True)
        {
            return;
        }

        if (value.ValueKind is not JsonValueKind.False)
        {
            throw new NotSupportedException($"{schemaPath}: only additionalProperties true or false is supported");
        }

        if (instance.ValueKind is not JsonValueKind.Object)
        {
            return;
        }

        var declared = schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var member in instance.EnumerateObject().Where(m => !declared.Contains(m.Name)))
        {
            errors.Add($"{at}: the property \"{member.Name}\" is not allowed");
        }
    }

    private static void CheckFormat(string format, JsonElement instance, string at, List<string> errors)
    {
        if (format != "date-time")
        {
            throw new NotSupportedException($"this validator knows only the format date-time, not \"{format}\"");
        }

        if (instance.ValueKind is not JsonValueKind.String)
        {
            return; // a format applies to strings only
        }

        var text = instance.GetString()!;

        // RFC 3339's shape, then a real calendar date and time (no 2026-02-30, no 25:00).
        if (!DateTimePattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors.Add($"{at}: \"{text}\" is not an RFC 3339 date-time");
        }
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"$ref \"{reference}\": only references inside the same schema (#/...) are supported");
        }

        var target = root;
        foreach (var token in reference[2..].Split('/'))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind is not JsonValueKind.Object || !target.TryGetProperty(name, out target))
            {
                throw new InvalidOperationException($"$ref \"{reference}\" points at nothing in the schema");
            }
        }

        return target;
    }

    private Regex Pattern(string pattern)
    {
        if (!patterns.TryGetValue(pattern, out var regex))
        {
            regex = new Regex(ToDotNet(pattern), RegexOptions.ECMAScript | RegexOptions.CultureInvariant);
            patterns[pattern] = regex;
        }

        return regex;
    }

    /// <summary>
    /// In ECMA-262, which JSON Schema patterns follow, <c>$</c> matches only at the very end; in .NET it also
    /// matches before a final newline, which would let <c>"dev-1\n"</c> pass <c>^[a-z][a-z0-9_-]{0,63}$</c>.
    /// So an unescaped <c>$</c> outside a character class becomes <c>\z</c>.
    /// </summary>
    internal static string ToDotNet(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }

            result.Append(c == '$' && !inClass ? @"\z" : c.ToString());
        }

        return result.ToString();
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
