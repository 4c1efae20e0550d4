<#
.SYNOPSIS
    Re-wraps the comment lines of C# files that are longer than the limit: /// doc comments and whole-line // comments.
.DESCRIPTION
    For the width pass (Directory.Build.targets fails the build on longer lines with -p:MaxLineLength=120). Only text
    is moved between lines, at spaces outside XML tags; nothing inside <code>...</code> is touched (help examples keep
    their lines: tools/New-HelpFile.ps1 reads <code> line by line, and all other doc text with its white space folded,
    so re-wrapped prose gives the same help). A one-line element that no longer fits, such as
    /// <summary>text</summary>, becomes the opening tag, the wrapped text and the closing tag on lines of their own.
    Code lines, comments after code and a word longer than the limit are left alone and listed, to be wrapped by hand.
    Writes the files in place (UTF-8 without BOM, LF) unless -WhatIf.
.EXAMPLE
    ./tools/Wrap-LongLines.ps1 -Path src/OpenStackVpn.Core/Resources/ResourceClient.cs
.EXAMPLE
    git ls-files src '*.cs' | ./tools/Wrap-LongLines.ps1 -WhatIf
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, ValueFromPipeline)] [string[]] $Path,
    [int] $MaxLength = 120
)

begin {
    $utf8 = New-Object System.Text.UTF8Encoding($false)
    $left = 0

    # Splits text into words at spaces, keeping each XML tag (which may hold spaces) whole with what touches it.
    function Split-Word([string] $Text) {
        $words = New-Object System.Collections.Generic.List[string]
        $current = New-Object System.Text.StringBuilder
        $inTag = $false
        foreach ($c in $Text.ToCharArray()) {
            if ($c -eq '<') { $inTag = $true }
            elseif ($c -eq '>') { $inTag = $false }
            if ($c -eq ' ' -and -not $inTag) {
                if ($current.Length -gt 0) { $words.Add($current.ToString()); $null = $current.Clear() }
                continue
            }
            $null = $current.Append($c)
        }
        if ($current.Length -gt 0) { $words.Add($current.ToString()) }
        , $words.ToArray()
    }

    # The words on lines of at most $Width characters, each after $Prefix.
    function Join-Line([string[]] $Words, [string] $Prefix, [int] $Width) {
        $lines = New-Object System.Collections.Generic.List[string]
        $line = ''
        foreach ($word in $Words) {
            if ($line.Length -gt 0 -and ($Prefix.Length + $line.Length + 1 + $word.Length) -gt $Width) {
                $lines.Add($Prefix + $line)
                $line = $word
            }
            elseif ($line.Length -gt 0) { $line = $line + ' ' + $word }
            else { $line = $word }
        }
        if ($line.Length -gt 0) { $lines.Add($Prefix + $line) }
        , $lines.ToArray()
    }

    # The lines that replace one long comment line, or $null when it cannot be wrapped.
    function Get-Wrapped([string] $Line, [int] $Width) {
        if ($Line -notmatch '^(\s*)(///?)\s?(.*)$') { return $null }
        $prefix = $Matches[1] + $Matches[2] + ' '
        $text = $Matches[3].TrimEnd()
        # A whole element on one line: its tags on lines of their own, the text between them wrapped.
        if ($Matches[2] -eq '///' -and $text -match '^((?:<(?:summary|remarks|returns|para|value)(?:\s[^>]*)?>)+)(.*?)((?:</(?:summary|remarks|returns|para|value)>)+)$') {
            $open = $Matches[1]; $body = $Matches[2].Trim(); $close = $Matches[3]
            $middle = Join-Line (Split-Word $body) $prefix $Width
            return , (@($prefix + $open) + $middle + @($prefix + $close))
        }
        $wrapped = Join-Line (Split-Word $text) $prefix $Width
        if (@($wrapped | Where-Object { $_.Length -gt $Width }).Count -gt 0 -or $wrapped.Count -lt 2) { return $null }
        , $wrapped
    }
}

process {
    foreach ($file in $Path) {
        $full = (Resolve-Path -LiteralPath $file).ProviderPath
        $lines = [System.IO.File]::ReadAllText($full) -replace "`r", '' -split "`n"
        $out = New-Object System.Collections.Generic.List[string]
        $inCode = $false
        $changed = $false
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            $isDoc = $line -match '^\s*///'
            if ($isDoc -and $line -match '<code>') { $inCode = $true }
            $codeHere = $inCode
            if ($isDoc -and $line -match '</code>') { $inCode = $false }
            if (-not $isDoc) { $inCode = $false }
            if ($line.Length -le $MaxLength) { $out.Add($line); continue }

            $wrapped = $null
            $absorbed = 0
            if (-not $codeHere -and $line -match '^\s*//') {
                # The rest of its paragraph goes with it: the lines after it of the same prefix with plain text, so the
                # words that move down fill those lines instead of leaving a short one behind.
                $text = $line
                $prefix = ($line -replace '^(\s*///?\s?).*$', '$1')
                while ($isDoc -and $line -notmatch '^\s*///\s*<' -and ($i + $absorbed + 1) -lt $lines.Count) {
                    $next = $lines[$i + $absorbed + 1]
                    if (-not $next.StartsWith($prefix) -or $next.Length -le $prefix.Length) { break }
                    $rest = $next.Substring($prefix.Length)
                    if ($rest -match '^\s|^<|</?code>' -or $rest.TrimEnd().EndsWith('>')) { break }
                    $text = $text + ' ' + $rest.Trim()
                    $absorbed++
                }
                $wrapped = Get-Wrapped $text $MaxLength
                if ($null -eq $wrapped -and $absorbed -gt 0) { $absorbed = 0; $wrapped = Get-Wrapped $line $MaxLength }
            }
            if ($null -eq $wrapped) {
                Write-Host ('{0}:{1}: {2} characters, left for a hand wrap' -f $file, ($i + 1), $line.Length)
                $left++
                $out.Add($line)
                continue
            }
            foreach ($w in $wrapped) { $out.Add($w) }
            $i += $absorbed
            $changed = $true
        }
        if ($changed -and $PSCmdlet.ShouldProcess($file, 'Re-wrap long comment lines')) {
            [System.IO.File]::WriteAllText($full, ($out -join "`n"), $utf8)
        }
    }
}

end {
    Write-Host "$left long lines left for a hand wrap."
}
