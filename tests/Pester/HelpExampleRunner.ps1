# Dot-sourced by HelpExamples.Tests.ps1: finds every example of the module's help, and runs one on a fresh embedded
# cloud.

# A remark that starts with this marks an example that cannot run here; the rest of the remark says why.
$script:NotRunMarker = 'Not run by the example test:'

# What the embedded cloud is seeded with (about_OpenStackVpn_Embedded); an example must not make another of these.
$script:SeededNamesCheck = {
    if (-not (Get-OpenStackSession -ErrorAction SilentlyContinue)) { return }
    $seeded = 'vpnconnection1', 'paging-conn-1', 'paging-conn-2', 'paging-conn-3', 'paging-conn-4', 'vpnservice1',
        'ikepolicy1', 'ipsecpolicy1'
    # An example that stopped the cloud it connected to leaves nothing to check.
    try { $objects = @(Get-IpsecSiteConnection) + @(Get-VpnService) + @(Get-IkePolicy) + @(Get-IpsecPolicy) }
    catch { return }
    $objects | Where-Object { $seeded -contains $_.Name } | Group-Object Name | Where-Object Count -GT 1 |
        ForEach-Object { "made another object named '$($_.Name)', which the embedded cloud is seeded with" }
}

function Get-HelpExample {
    # Every example of every exported cmdlet (from the generated help, as Get-Help shows it), then the code blocks of
    # the about_ topics; in order, numbered from 1 per cmdlet or topic.
    param([string] $Module = 'OpenStackVpn')
    foreach ($command in Get-Command -Module $Module -CommandType Cmdlet | Sort-Object Name) {
        $n = 0
        foreach ($example in @((Get-Help $command.Name -Examples).examples.example)) {
            if (-not $example) { continue }
            $n++
            $remarks = (@($example.remarks) | ForEach-Object { $_.Text }) -join ' '
            $why = $null
            $at = $remarks.IndexOf($script:NotRunMarker)
            if ($at -ge 0) { $why = $remarks.Substring($at + $script:NotRunMarker.Length).Trim() }
            [pscustomobject]@{ Source = $command.Name; Number = $n; Code = [string]$example.code; NotRunBecause = $why }
        }
    }
    $topics = Join-Path (Split-Path (Get-Module $Module).Path) 'en-US'
    foreach ($file in Get-ChildItem $topics -Filter 'about_*.help.txt' | Sort-Object Name) {
        $n = 0
        foreach ($block in Get-TopicCodeBlock (Get-Content $file.FullName)) {
            $n++
            $why = $null
            if ($block -match "#\s*$([regex]::Escape($script:NotRunMarker))\s*(.*)") { $why = $Matches[1].Trim() }
            $topic = $file.Name -replace '\.help\.txt$'
            [pscustomobject]@{ Source = $topic; Number = $n; Code = $block; NotRunBecause = $why }
        }
    }
}

function Get-TopicCodeBlock {
    # The code of an about_ topic: runs of lines indented by 8 or more spaces whose first line PowerShell parses as a
    # command (the indented lists of the topics' prose are not code).
    param([string[]] $Lines)
    $block = [System.Collections.Generic.List[string]]::new()
    foreach ($line in @($Lines) + @('')) {
        if ($line -match '^ {8}\S' -or ($block.Count -gt 0 -and $line -match '^ {9,}\S')) {
            $block.Add($line.Substring(8))
            continue
        }
        if ($block.Count -gt 0) {
            $code = $block -join "`n"
            $block.Clear()
            if (Test-LooksLikeCode $code) { $code }
        }
    }
}

function Test-LooksLikeCode {
    param([string] $Code)
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
    if ($errors.Count -gt 0) { return $false }
    $first = $ast.EndBlock.Statements | Select-Object -First 1
    # A statement that starts with a variable or a command the module or PowerShell knows.
    $commands = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true))
    $known = @($commands | Where-Object { Get-Command $_.GetCommandName() -ErrorAction SilentlyContinue })
    $allKnown = $commands.Count -gt 0 -and $known.Count -eq $commands.Count
    $null -ne $first -and ($Code.TrimStart().StartsWith('$') -or $allKnown)
}

function Invoke-HelpExample {
    # Runs one example in a new runspace with the module imported and a session on a new in-process embedded cloud,
    # in a new empty folder; returns the errors it wrote or threw, as text (none: it passed).
    param([Parameter(Mandatory)] [string] $Code, [string] $ModulePath, [int] $TimeoutSec = 120)
    $name = "help-example-" + [guid]::NewGuid().ToString('n').Substring(0, 8)
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) $name
    $null = New-Item -ItemType Directory -Path $folder
    $ps = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
    try {
        $null = $ps.AddScript('param($ModulePath, $Folder)
            $ErrorActionPreference = "Stop"; $ProgressPreference = "SilentlyContinue"
            Import-Module $ModulePath; Set-Location $Folder; $null = Connect-OpenStack -Embedded').
            AddArgument($ModulePath).AddArgument($folder)
        $null = $ps.Invoke()
        $errors = @($ps.Streams.Error | ForEach-Object { "set-up: $_" })
        if ($errors) { return $errors }
        $ps.Commands.Clear()
        $null = $ps.AddScript($Code)
        $run = $ps.BeginInvoke()
        if (-not $run.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($TimeoutSec))) {
            $ps.Stop()
            return @("did not finish within $TimeoutSec s")
        }
        try { $null = $ps.EndInvoke($run) }
        catch {
            $inner = $_.Exception.InnerException
            if ($inner) { return @($inner.Message) }
            return @($_.Exception.Message)
        }
        $errors = @($ps.Streams.Error | ForEach-Object { "$_" })
        if ($errors) { return $errors }
        # The seeded names stay unique: an example that makes a second vpnconnection1 makes the next one ambiguous.
        $ps.Commands.Clear()
        $null = $ps.AddScript($script:SeededNamesCheck)
        @($ps.Invoke() | ForEach-Object { "$_" })
    }
    finally {
        $ps.Dispose()
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }
}
