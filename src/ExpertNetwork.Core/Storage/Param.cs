using System.Data;

namespace ExpertNetwork.Storage;

/// <summary>
/// A statement parameter typed and sized like the SQL Server column it is written to. SQL Server caches one
/// plan per parameter declaration, so a string parameter sized by its value would compile a plan per length;
/// the size is also the longest value either engine is allowed to store (SQLite would keep any length).
/// </summary>
public readonly record struct Param(string Name, DbType Type, int Size = 0)
{
    /// <summary>NVARCHAR(size).</summary>
    public static Param Text(string name, int size) => new(name, DbType.String, size);

    /// <summary>NVARCHAR(MAX).</summary>
    public static Param LongText(string name) => new(name, DbType.String, -1);

    /// <summary>VARCHAR(size): ASCII codes such as statuses and timestamps.</summary>
    public static Param Ascii(string name, int size) => new(name, DbType.AnsiString, size);

    /// <summary>CHAR(size).</summary>
    public static Param FixedAscii(string name, int size) => new(name, DbType.AnsiStringFixedLength, size);

    public static Param Int(string name) => new(name, DbType.Int32);

    public static Param Long(string name) => new(name, DbType.Int64);

    public static Param Bool(string name) => new(name, DbType.Boolean);

    /// <summary>Refuses a value longer than the column keeps, naming the parameter.</summary>
    public void Check(object? value)
    {
        if (value is string text && Size > 0)
        {
            StoredText.Check(Name, text, Size);
        }
    }

    /// <summary>Ids and keys: NVARCHAR with a binary collation on SQL Server, so they compare like SQLite's text.</summary>
    public static Param Key(string name, int size = StoredText.KeyLength) => Text(name, size);
}
