BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # A fresh client process: this one already holds the embedded assembly (the embedded backend is served from here).
    # The cloud it talks to is the backend's, over HTTP from another process - the lab, or the embedded cloud that
    # Invoke-PesterSuite serves from this process - so to the client it is a real cloud either way.
    $client = @'
param([string] $ModulePath, [string] $CloudsFile)
$ErrorActionPreference = 'Stop'
function Test-EmbeddedLoaded { @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name }) -contains 'OpenStackVpn.Embedded' }
$seen = [ordered]@{}
Import-Module $ModulePath
$seen.ModuleLoaded = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name }) -contains 'OpenStackVpn'
$seen.AfterImport = Test-EmbeddedLoaded
$env:OS_CLIENT_CONFIG_FILE = $CloudsFile
$session = Connect-OpenStack -Cloud lab-admin
$null = Get-Command Connect-OpenStack -Syntax
$null = TabExpansion2 'Connect-OpenStack -Em' 20
$null = $session | Format-List * | Out-String
$seen.Connections = @(Get-IpsecSiteConnection).Count
$null = Get-VpnService
$policy = New-IkePolicy -Name ('assembly-probe-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
$seen.PolicyMade = [bool]$policy.Id
$policy | Remove-IkePolicy -Confirm:$false
Disconnect-OpenStack
$seen.AfterRealCloud = Test-EmbeddedLoaded
$null = Connect-OpenStack -Embedded
$seen.AfterEmbedded = Test-EmbeddedLoaded
$seen | ConvertTo-Json -Compress
'@
    $script = Join-Path $TestDrive 'client.ps1'
    Set-Content $script $client
    $exe = (Get-Process -Id $PID).Path
    $hostArgs = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $hostArgs = @(Join-Path $PSHOME 'pwsh.dll') }
    $modulePath = (Get-Module OpenStackVpn).ModuleBase
    $output = & $exe @hostArgs -NoProfile -NonInteractive -File $script -ModulePath $modulePath -CloudsFile (Join-Path $script:LabState 'clouds.yaml') 2>&1
    $seen = $output | Where-Object { $_ -is [string] -and $_.StartsWith('{') } | Select-Object -Last 1 | ConvertFrom-Json
    if (-not $seen) { throw "The client process reported nothing: $($output -join [Environment]::NewLine)" }
}

Describe 'The embedded cloud''s assembly is loaded only when an embedded cloud is asked for' {
    It 'is not loaded by Import-Module' {
        $seen.ModuleLoaded | Should -BeTrue
        $seen.AfterImport | Should -BeFalse
    }

    It 'is not loaded by a session on a real cloud: connect, syntax, completion, lists, a create and a remove' {
        $seen.PolicyMade | Should -BeTrue
        $seen.Connections | Should -BeGreaterThan 0
        $seen.AfterRealCloud | Should -BeFalse
    }

    It 'is loaded by Connect-OpenStack -Embedded (so the probe above can see it)' {
        $seen.AfterEmbedded | Should -BeTrue
    }
}
