<#
.SYNOPSIS
    Fails on PowerShell 7-only syntax, commands and parameters in the project's scripts meant for both editions.
.DESCRIPTION
    Parses every .ps1 and .psm1 file (and every ```powershell block of the Markdown files) with the PowerShell parser
    and walks the syntax tree for what Windows PowerShell 5.1 cannot run:

    syntax    ternary a ? b : c, ?? and ??=, ?. and ?[], && and || pipeline chains, clean blocks, `u{} escapes,
              and anything this PowerShell's parser refuses (run under powershell.exe, that is all 7-only syntax);
    commands  ForEach-Object -Parallel, ConvertFrom-SecureString -AsPlainText, Invoke-WebRequest and Invoke-RestMethod
              parameters added in 6/7 (-SkipHttpErrorCheck, -SkipCertificateCheck, ...), Invoke-WebRequest without
              -UseBasicParsing, curl and wget (aliases of Invoke-WebRequest in 5.1), Join-Path with more than one child,
              ConvertFrom-Json -AsHashtable, cmdlets that 5.1 lacks, Add-Type of assemblies that only .NET has,
              $IsWindows / $IsLinux / $IsMacOS / $IsCoreCLR (unset in 5.1, an error under Set-StrictMode).

    A file that must stay PowerShell 7 only says so, and why, in a comment line of its header (the comment lines
    before its first line of code):  # PowerShell 7 only: <why>
    A command or variable finding is also allowed when that comment is on its line or the line before, for a test
    that skips itself on Windows PowerShell; syntax findings are not, since 5.1 cannot even parse such a file.
.PARAMETER Path
    Files or folders to check; by default the repository (without out/, bin/, obj/ and .git).
.PARAMETER ListSevenOnly
    Only lists the files marked PowerShell 7 only (full paths), e.g. for the Pester runner to leave them out in 5.1.
.PARAMETER CountsFile
    Writes {Passed, Failed, Skipped} here: one per file, passed when it has no finding; 7-only files are skipped.
.EXAMPLE
    dotnet pwsh tools/Test-ScriptCompatibility.ps1
#>
[CmdletBinding()]
param(
    [string[]] $Path = @((Split-Path $PSScriptRoot -Parent)),
    [string] $CountsFile,
    [switch] $ListSevenOnly
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$marker = '#\s*PowerShell 7 only:\s*(\S.{2,})'

$aliases = @{ '%' = 'ForEach-Object'; 'foreach' = 'ForEach-Object'; 'iwr' = 'Invoke-WebRequest'; 'irm' = 'Invoke-RestMethod' }

# Parameters that Windows PowerShell 5.1's cmdlets do not have.
$newParameters = @{
    'ForEach-Object'           = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
    'ConvertFrom-SecureString' = @('AsPlainText')
    'Invoke-WebRequest'        = @('SkipHttpErrorCheck', 'SkipCertificateCheck', 'StatusCodeVariable', 'ResponseHeadersVariable', 'Authentication',
        'Token', 'Form', 'Resume', 'SslProtocol', 'HttpVersion', 'ConnectionTimeoutSeconds', 'OperationTimeoutSeconds', 'MaximumRetryCount',
        'RetryIntervalSec', 'NoProxy', 'SkipHeaderValidation', 'AllowUnencryptedAuthentication', 'PreserveAuthorizationOnRedirect',
        'AllowInsecureRedirect', 'CustomMethod', 'PreserveHttpMethodOnRedirect', 'UnixSocket', 'FollowRelLink', 'MaximumFollowRelLink')
    'ConvertFrom-Json'         = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json'           = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'Get-Content'              = @('AsByteStream')
    'Set-Content'              = @('AsByteStream')
    'Add-Content'              = @('AsByteStream')
    'Join-Path'                = @('AdditionalChildPath')
    'Split-Path'               = @('LeafBase', 'Extension')
    'Select-String'            = @('Raw', 'NoEmphasis')
    'Get-Random'               = @('Shuffle')
    'Sort-Object'              = @('Top', 'Bottom')
    'Get-Date'                 = @('AsUTC', 'UnixTimeSeconds')
    'Test-Connection'          = @('TcpPort', 'TargetName', 'Ping', 'Traceroute', 'MtuSize')
    'Start-Job'                = @('WorkingDirectory')
    'Get-ChildItem'            = @('FollowSymlink')
}
$newParameters['Invoke-RestMethod'] = $newParameters['Invoke-WebRequest']
$newCommands = @('Test-Json', 'Get-Error', 'Join-String', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-MarkdownOption', 'Set-MarkdownOption',
    'Remove-Alias', 'Get-Uptime', 'Remove-Service', 'Start-ThreadJob', 'Get-PSSubsystem', 'Enable-ExperimentalFeature', 'Disable-ExperimentalFeature',
    'Get-ExperimentalFeature', 'ConvertTo-CliXml', 'ConvertFrom-CliXml', 'Test-ModuleManifest7')
$dotnetOnlyAssemblies = @('System.Security.Cryptography', 'System.Text.Json', 'System.Runtime', 'System.Net.Primitives', 'System.Collections')
$coreVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR')
$newEncodings = @('utf8NoBOM', 'utf8BOM', 'ansi')

function New-Finding([int] $Line, [string] $Rule, [string] $Message, [bool] $Syntax) {
    [pscustomobject]@{ Line = $Line; Rule = $Rule; Message = $Message; Syntax = $Syntax }
}

function Get-Finding {
    # The findings in one piece of script text, before any 7-only marker is applied.
    param([string] $Text)
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref] $tokens, [ref] $errors)
    foreach ($e in $errors) {
        New-Finding $e.Extent.StartLineNumber 'ParseError' "this PowerShell ($($PSVersionTable.PSVersion)) cannot parse it: $($e.Message)" $true
    }
    foreach ($token in $tokens) {
        if ($token.Kind -eq 'StringExpandable' -and $token.Text -match '`u\{') {
            New-Finding $token.Extent.StartLineNumber 'UnicodeEscape' 'the `u{} escape is PowerShell 7 only; use [char]0x....' $true
        }
    }
    $nodes = $ast.FindAll({ $true }, $true)
    foreach ($node in $nodes) {
        $line = $node.Extent.StartLineNumber
        switch ($node.GetType().Name) {
            'TernaryExpressionAst' { New-Finding $line 'Ternary' 'the ternary operator (a ? b : c) is PowerShell 7 only; use if/else' $true }
            'PipelineChainAst' { New-Finding $line 'PipelineChain' '&& and || between pipelines are PowerShell 7 only; use if ($?) or $LASTEXITCODE' $true }
            'BinaryExpressionAst' {
                if ("$($node.Operator)" -eq 'QuestionQuestion') { New-Finding $line 'NullCoalescing' '?? is PowerShell 7 only; use if ($null -eq ...)' $true }
            }
            'AssignmentStatementAst' {
                if ("$($node.Operator)" -eq 'QuestionQuestionEquals') { New-Finding $line 'NullCoalescing' '??= is PowerShell 7 only' $true }
            }
            { $_ -in 'MemberExpressionAst', 'InvokeMemberExpressionAst', 'IndexExpressionAst' } {
                $nullConditional = $node.PSObject.Properties['NullConditional']
                if ($nullConditional -and $nullConditional.Value) { New-Finding $line 'NullConditional' '?. and ?[] are PowerShell 7 only' $true }
            }
            'ScriptBlockAst' {
                $clean = $node.PSObject.Properties['CleanBlock']
                if ($clean -and $clean.Value) { New-Finding $line 'CleanBlock' 'the clean block is PowerShell 7.3 and later only' $true }
            }
            'VariableExpressionAst' {
                $name = $node.VariablePath.UserPath
                if ($coreVariables -contains $name) {
                    New-Finding $line 'CoreVariable' "`$$name is not set in Windows PowerShell 5.1 (an error under Set-StrictMode); use `$env:OS -eq 'Windows_NT' or `$PSVersionTable.PSEdition" $false
                }
            }
            'CommandAst' { Get-CommandFinding $node }
        }
    }
}

function Get-CommandFinding {
    param($Command)
    $line = $Command.Extent.StartLineNumber
    $written = $Command.GetCommandName()
    if (-not $written) { return }
    if ($written -in 'curl', 'wget') {
        New-Finding $line 'CurlAlias' "'$written' is an alias of Invoke-WebRequest in Windows PowerShell 5.1, not the program; use Invoke-WebRequest -UseBasicParsing" $false
        return
    }
    $name = if ($aliases.ContainsKey($written)) { $aliases[$written] } else { $written }
    if ($newCommands -contains $name) {
        New-Finding $line 'NewCommand' "$name does not exist in Windows PowerShell 5.1" $false
    }
    $parameters = @($Command.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })
    $given = @($parameters | ForEach-Object { $_.ParameterName })
    if ($newParameters.ContainsKey($name)) {
        foreach ($p in $given) {
            # Whole names only: a prefix may also be a 5.1 parameter's (-Leaf of Split-Path against -LeafBase).
            $match = $newParameters[$name] | Where-Object { $_ -eq $p } | Select-Object -First 1
            if ($match) { New-Finding $line 'NewParameter' "$name -$match is PowerShell 6/7 only" $false }
        }
    }
    if ($name -eq 'Invoke-WebRequest' -and -not ($given | Where-Object { 'UseBasicParsing'.StartsWith($_, [StringComparison]::OrdinalIgnoreCase) -and $_.Length -ge 4 })) {
        New-Finding $line 'UseBasicParsing' 'Invoke-WebRequest needs -UseBasicParsing in Windows PowerShell 5.1 where Internet Explorer was never started' $false
    }
    if ($name -eq 'Join-Path' -and $parameters.Count -eq 0 -and $Command.CommandElements.Count -gt 3) {
        New-Finding $line 'JoinPathChildren' 'Join-Path takes one child path in Windows PowerShell 5.1; nest the calls' $false
    }
    if ($name -eq 'Add-Type') {
        foreach ($element in $Command.CommandElements) {
            $value = if ($element -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $element.Value } else { $null }
            if ($value -and $dotnetOnlyAssemblies -contains $value) {
                New-Finding $line 'DotNetOnlyAssembly' "the assembly $value exists only on .NET, not .NET Framework; its types are already loaded in PowerShell 7" $false
            }
        }
    }
    for ($i = 0; $i -lt $Command.CommandElements.Count - 1; $i++) {
        $element = $Command.CommandElements[$i]
        if ($element -is [System.Management.Automation.Language.CommandParameterAst] -and $element.ParameterName -eq 'Encoding') {
            $next = $Command.CommandElements[$i + 1]
            if ($next -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $newEncodings -contains $next.Value) {
                New-Finding $line 'NewEncoding' "-Encoding $($next.Value) is PowerShell 6/7 only" $false
            }
        }
    }
}

function Test-Text {
    # Findings that no 7-only marker allows, and whether the whole text is marked 7-only.
    param([string] $Text)
    $lines = $Text -split "`r?`n"
    # The file's marker is in its header: the comment lines before its first line of code.
    $header = @(foreach ($l in $lines) { if ($l -match '^\s*(#.*)?$') { $l } else { break } })
    $fileMarked = [bool]($header | Where-Object { $_ -match "^\s*$marker" } | Select-Object -First 1)
    $findings = @(Get-Finding $Text)
    if ($fileMarked) {
        return [pscustomobject]@{ SevenOnly = $true; Findings = @() }
    }
    $left = foreach ($f in $findings) {
        $here = $lines[$f.Line - 1]
        $before = if ($f.Line -ge 2) { $lines[$f.Line - 2] } else { '' }
        if (-not $f.Syntax -and ($here -match $marker -or $before -match $marker)) { continue }
        $f
    }
    $requiresCore = [bool]($lines | Where-Object { $_ -match '^\s*#requires\s.*(-PSEdition\s+Core|-Version\s+[67])' })
    if ($requiresCore) {
        $left = @($left) + (New-Finding 1 'UnexplainedRequires' "'#requires -PSEdition Core' or '-Version 7' without a '# PowerShell 7 only: <why>' line" $true)
    }
    [pscustomobject]@{ SevenOnly = $false; Findings = @($left | Where-Object { $_ }) }
}

function Get-Checked {
    # Each file to check: its path, and the pieces of script in it with the line they start on.
    param([string[]] $Roots)
    $skip = [regex] '[\\/](out|bin|obj|\.git|node_modules)[\\/]'
    $files = foreach ($root in $Roots) {
        if (Test-Path $root -PathType Leaf) { Get-Item $root }
        else { Get-ChildItem $root -Recurse -File -Include '*.ps1', '*.psm1', '*.md' | Where-Object { -not $skip.IsMatch($_.FullName) } }
    }
    foreach ($file in $files | Sort-Object FullName -Unique) {
        $text = [System.IO.File]::ReadAllText($file.FullName)
        if ($file.Extension -ne '.md') {
            [pscustomobject]@{ Path = $file.FullName; Pieces = @([pscustomobject]@{ Start = 0; Text = $text }) }
            continue
        }
        $pieces = foreach ($block in [regex]::Matches($text, '(?ms)^```(?:powershell|pwsh|ps1)\s*\r?\n(.*?)^```')) {
            $start = ($text.Substring(0, $block.Groups[1].Index) -split "`n").Count - 1
            [pscustomobject]@{ Start = $start; Text = $block.Groups[1].Value }
        }
        if ($pieces) { [pscustomobject]@{ Path = $file.FullName; Pieces = @($pieces) } }
    }
}

$counts = @{ Passed = 0; Failed = 0; Skipped = 0 }
$root = (Resolve-Path (Split-Path $PSScriptRoot -Parent)).Path
foreach ($checked in Get-Checked $Path) {
    $shown = $checked.Path
    if ($shown.StartsWith($root)) { $shown = $shown.Substring($root.Length).TrimStart('\', '/') }
    $findings = @()
    $sevenOnly = $false
    foreach ($piece in $checked.Pieces) {
        $result = Test-Text $piece.Text
        $sevenOnly = $sevenOnly -or ($result.SevenOnly -and $checked.Pieces.Count -eq 1)
        $findings += @($result.Findings | ForEach-Object { $_.Line += $piece.Start; $_ })
    }
    if ($ListSevenOnly) {
        if ($sevenOnly) { $checked.Path }
        continue
    }
    if ($sevenOnly) {
        $counts.Skipped++
        Write-Verbose "$shown is marked PowerShell 7 only."
    }
    elseif ($findings.Count -eq 0) {
        $counts.Passed++
    }
    else {
        $counts.Failed++
        foreach ($f in $findings) { Write-Host "${shown}:$($f.Line): $($f.Rule): $($f.Message)" }
    }
}

if ($ListSevenOnly) { exit 0 }
Write-Host ("Script compatibility with Windows PowerShell 5.1: {0} files pass, {1} fail, {2} marked PowerShell 7 only." -f $counts.Passed, $counts.Failed, $counts.Skipped)
if ($CountsFile) { $counts | ConvertTo-Json | Set-Content $CountsFile }
if ($counts.Failed -gt 0) { exit 1 }
exit 0
