// Lets netstandard2.0 use C# init accessors.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
