# PowerShell 7 only: the fresh processes find their user module folder under $HOME (Linux and macOS layout).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Invoke-FreshPwsh {
        # Runs a script in a new pwsh whose home is $HomeDir: its own user module folder and its own (empty)
        # list of repositories, and no PSModulePath of ours. Returns what the script wrote, as one string.
        param([string] $HomeDir, [string] $Script, [object[]] $Arguments = @())
        $exe = (Get-Process -Id $PID).Path
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $saved = @{}
        $isolated = @{ HOME = $HomeDir; PSModulePath = $null; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; OS_CLOUD = $null; OS_AUTH_URL = $null }
        foreach ($name in $isolated.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $isolated[$name])
        }
        # From inside the fresh home: NuGet, under PSResourceGet, writes a NuGet/NuGet.Config into the working folder
        # when it finds no config folder of its own (one was committed at the repository root that way).
        Push-Location $HomeDir
        try {
            $output = & $exe @prefix -NoProfile -NonInteractive -File $Script @Arguments 2>&1 | Out-String
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output }
        }
        finally {
            Pop-Location
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

Describe 'The gallery package, installed as a user would install it' {
    BeforeAll {
        $seed = Get-LabSeed
        $work = Join-Path ([System.IO.Path]::GetTempPath()) ("openstackvpn-package-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
        $homeDir = Join-Path $work 'home'
        $repository = Join-Path $work 'repository'
        $null = New-Item -ItemType Directory -Path $homeDir -Force
        $root = Join-Path $PSScriptRoot '../..'
        $modulePath = (Get-Module OpenStackVpn).ModuleBase
        $version = (Import-PowerShellDataFile (Join-Path $modulePath 'OpenStackVpn.psd1')).ModuleVersion

        # The same publish step as build.ps1 Package, in the fresh home so no real repository list is touched.
        $publish = Invoke-FreshPwsh $homeDir (Join-Path $root 'tools/Publish-LocalRepository.ps1') @('-ModulePath', $modulePath, '-RepositoryPath', $repository)
        $package = Join-Path $repository "OpenStackVpn.$version.nupkg"

        $install = Join-Path $work 'install.ps1'
        Set-Content $install @'
param($Repository, $Demo, $CloudsFile, $Router, $Subnet)
$ErrorActionPreference = 'Stop'
"available before: $(@(Get-Module -ListAvailable OpenStackVpn).Count)"
Register-PSResourceRepository -Name LocalTest -Uri $Repository -Trusted
Install-PSResource OpenStackVpn -Repository LocalTest -Scope CurrentUser
Import-Module OpenStackVpn
"imported from: $((Get-Module OpenStackVpn).ModuleBase)"
"about topic: $((Get-Help about_OpenStackVpn | Out-String) -match 'LEGACY MODE AND ENDPOINT-GROUP MODE')"
$env:OS_CLIENT_CONFIG_FILE = $CloudsFile
$env:OS_CLOUD = 'lab-admin'
& $Demo -ModulePath OpenStackVpn -Router $Router -Subnet $Subnet -WaitTimeoutSec 1
'@
        $uninstall = Join-Path $work 'uninstall.ps1'
        Set-Content $uninstall @'
$ErrorActionPreference = 'Stop'
"installed before: $(@(Get-InstalledPSResource OpenStackVpn -Scope CurrentUser -ErrorAction SilentlyContinue).Count)"
Uninstall-PSResource OpenStackVpn -Scope CurrentUser
"available after: $(@(Get-Module -ListAvailable OpenStackVpn).Count)"
'@
    }

    AfterAll {
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is a .nupkg made by Publish-PSResource into a local folder repository' {
        $publish.ExitCode | Should -Be 0 -Because $publish.Output
        $package | Should -Exist
    }

    It 'carries what a gallery page shows: project, license, release notes and tags' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
        try {
            $entry = $zip.Entries | Where-Object FullName -EQ 'OpenStackVpn.nuspec'
            $reader = [System.IO.StreamReader]::new($entry.Open())
            [xml]$nuspec = $reader.ReadToEnd()
            $reader.Dispose()
            $files = $zip.Entries.FullName
        }
        finally { $zip.Dispose() }
        $meta = $nuspec.package.metadata
        $meta.projectUrl | Should -Match '^https://'
        $meta.licenseUrl | Should -Match '^https://'
        $meta.releaseNotes | Should -Match "^$([regex]::Escape($version)):"
        $meta.tags -split ' ' | Should -Contain 'VPNaaS'
        $files | Should -Contain 'OpenStackVpn.dll'
        $files | Should -Contain 'en-US/about_OpenStackVpn.help.txt'
    }

    It 'installs with Install-PSResource in a fresh pwsh, imports by name, and runs the demo from the installed copy' {
        $run = Invoke-FreshPwsh $homeDir $install @($repository, (Join-Path $root 'examples/Demo.ps1'), (Join-Path $script:LabState 'clouds.yaml'), $seed.router_name, $seed.private_subnet_name)
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'available before: 0' -Because 'the fresh pwsh must not see any other copy of the module'
        $expected = [regex]::Escape((Join-Path $homeDir '.local/share/powershell/Modules/OpenStackVpn'))
        $run.Output | Should -Match "imported from: $expected"
        $run.Output | Should -Match 'about topic: True'
        $run.Output | Should -Match "Created IPsec site connection 'demo-\d+-conn'"
        $run.Output | Should -Match 'Removed the 4 objects the demo created'
    }

    It 'takes the README''s Register-PSResourceRepository line twice' {
        $readme = Get-Content (Join-Path $root 'README.md')
        $line = @($readme | Where-Object { $_ -like 'Register-PSResourceRepository *' })
        $line | Should -HaveCount 1
        $register = Join-Path $work 'register.ps1'
        Set-Content $register @"
`$ErrorActionPreference = 'Stop'
Set-Location '$work'
$($line[0] -replace '\./out/repository', './repository')
$($line[0] -replace '\./out/repository', './repository')
"registered: `$((Get-PSResourceRepository OpenStackVpnLocal).Uri.LocalPath)"
"@
        $run = Invoke-FreshPwsh $homeDir $register
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match ('registered: ' + [regex]::Escape($repository))
    }

    It 'uninstalls with Uninstall-PSResource' {
        $run = Invoke-FreshPwsh $homeDir $uninstall
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'installed before: 1'
        $run.Output | Should -Match 'available after: 0'
    }
}
