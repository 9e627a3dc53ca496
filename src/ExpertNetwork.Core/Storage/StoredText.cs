namespace ExpertNetwork.Storage;

/// <summary>
/// Lengths the store enforces itself, so SQLite (which keeps text of any length) refuses exactly what SQL
/// Server's sized columns would (error 2628), with a message that names the value.
/// </summary>
public static class StoredText
{
    /// <summary>experts.id, needs.id and every column that refers to them.</summary>
    public const int KeyLength = 64;

    /// <summary>changed_by, recorded_by and claimed_by: "user:" plus an email address of up to 320 characters, or "import:" plus a file name.</summary>
    public const int ActorLength = 400;

    public const int EmailLength = 320;

    /// <summary>The value itself when it fits; otherwise an error naming what was too long and by how much.</summary>
    public static string Check(string what, string value, int maxLength) =>
        value.Length <= maxLength
            ? value
            : throw new StoredTextTooLongException(what, value.Length, maxLength);

    public static string? CheckOptional(string what, string? value, int maxLength) => value is null ? null : Check(what, value, maxLength);

    /// <summary>Who made a change, as written to changed_by, recorded_by or claimed_by.</summary>
    public static string Actor(string actor, string what = "changed by") =>
        string.IsNullOrWhiteSpace(actor)
            ? throw new ArgumentException($"'{what}' must name who made the change.", nameof(actor))
            : Check(what, actor, ActorLength);
}

public sealed class StoredTextTooLongException(string what, int length, int maxLength)
    : ArgumentException($"'{what}' is {length} characters long; at most {maxLength} can be stored.")
{
    public string What { get; } = what;

    public int MaxLength { get; } = maxLength;
}
