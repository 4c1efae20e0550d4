# The repository's layout, as the README's Layout table and docs/architecture.md declare it: nothing stray at the root
# (a run's log, a tool's leftover config), and no folder of code under src/ that the architecture page does not name.
BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath

    # The one list of what may stand at the repository's root. Add an entry here, and to the README's Layout table,
    # when the layout really grows; anything else at the root is a file that was committed by mistake.
    $allowedAtRoot = @(
        '.ci', '.config', '.editorconfig', '.gitignore',
        'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props',
        'OpenStackVpn.psd1', 'README.md', 'VpnPs.sln', 'build.ps1',
        'benchmarks', 'docs', 'examples', 'src', 'tests', 'tools'
    )

    # What git would commit: the tracked files and the untracked ones it does not ignore (build output is ignored).
    function Get-RootEntry([string] $Repository) {
        $files = @(& git -C $Repository ls-files --cached --others --exclude-standard)
        if ($LASTEXITCODE -ne 0) { throw "git ls-files failed in $Repository" }
        @($files | ForEach-Object { ($_ -split '/')[0] } | Sort-Object -Unique)
    }

    function Get-StrayEntry([string] $Repository) {
        @(Get-RootEntry $Repository | Where-Object { $allowedAtRoot -cnotcontains $_ })
    }

    # The folders under src/ that hold .cs files (as git sees them: build output is ignored), relative to src/.
    function Get-CodeFolder([string] $Repository) {
        $files = @(& git -C $Repository ls-files --cached --others --exclude-standard -- 'src/*.cs')
        if ($LASTEXITCODE -ne 0) { throw "git ls-files failed in $Repository" }
        @($files | Where-Object { Test-Path (Join-Path $Repository $_) } |
                ForEach-Object { ($_ -replace '^src/', '') -replace '/[^/]+$', '' } | Sort-Object -Unique)
    }

    # The folders a page does not name: a folder is named by its path under src/ (OpenStackVpn.Core/Peer), standing
    # alone, not as the start of a longer path (OpenStackVpn.Core/Peer is not named by OpenStackVpn.Core/PeerX).
    function Get-UnnamedFolder([string[]] $Folder, [string] $Page) {
        @($Folder | Where-Object { $Page -cnotmatch ('(?<![\w./-])(src/)?' + [regex]::Escape($_) + '(?![\w.-]|/\w)') })
    }
}

Describe 'The repository root holds only the declared layout' {
    It 'has no file or folder at the root outside the declared list' {
        Get-StrayEntry $root | Should -BeNullOrEmpty -Because 'a run''s log or a stray config must not be committed'
    }

    It 'reports a stray file at the root of a checkout' {
        $checkout = Join-Path $TestDrive 'checkout'
        $null = New-Item -ItemType Directory -Path (Join-Path $checkout 'src') -Force
        & git -C $checkout init --quiet
        Set-Content (Join-Path $checkout 'README.md') 'x'
        Set-Content (Join-Path $checkout 'src/a.cs') 'x'
        Set-Content (Join-Path $checkout 'tempest.log') 'x'
        Get-StrayEntry $checkout | Should -Be @('tempest.log')
    }

    It 'keeps a tempest log out of git' {
        & git -C $root check-ignore --quiet --no-index 'tempest.log'
        $LASTEXITCODE | Should -Be 0 -Because '.gitignore must ignore tempest.log'
    }
}

Describe 'docs/architecture.md names every folder of code under src/' {
    It 'names each folder that holds .cs files' {
        $page = Get-Content -Raw (Join-Path $root 'docs/architecture.md')
        $folders = Get-CodeFolder $root
        $folders | Should -Contain 'OpenStackVpn.Core/Peer' -Because 'the listing must see the folders'
        Get-UnnamedFolder $folders $page | Should -BeNullOrEmpty -Because 'the page must keep up with the tree'
    }

    It 'reports a folder the page leaves out, and one named only as the start of a longer path' {
        $page = 'Folders: `OpenStackVpn.Core/Peer`, `OpenStackVpn.Core/HttpX`, src/OpenStackVpn (root).'
        $folders = 'OpenStackVpn', 'OpenStackVpn.Core/Peer', 'OpenStackVpn.Core/Http', 'OpenStackVpn.Embedded/Network'
        Get-UnnamedFolder $folders $page | Should -Be @('OpenStackVpn.Core/Http', 'OpenStackVpn.Embedded/Network')
    }
}

Describe 'The build checks the C# under src/: line length when asked, using order always' {
    BeforeAll {
        # A one-file project under a src/ folder next to a copy of the repository's Directory.Build.targets.
        $probe = Join-Path $TestDrive 'probe'
        $null = New-Item -ItemType Directory -Path (Join-Path $probe 'src/Probe') -Force
        Copy-Item (Join-Path $root 'Directory.Build.targets') $probe
        Set-Content (Join-Path $probe 'src/Probe/Probe.csproj') @(
            '<Project Sdk="Microsoft.NET.Sdk">'
            '  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>'
            '</Project>')
        $long = '    public static string Text => "' + ('x' * 100) + '";'
        Set-Content (Join-Path $probe 'src/Probe/Probe.cs') @(
            'using System.Linq;', 'using System;', '', 'namespace Probe;', '', 'public static class Widths', '{', $long, '}')

        function Invoke-ProbeBuild([string[]] $Property) {
            $output = & dotnet build (Join-Path $probe 'src/Probe/Probe.csproj') -nologo -v q @Property 2>&1
            [pscustomobject]@{ Failed = $LASTEXITCODE -ne 0; Output = ($output | ForEach-Object { "$_" }) -join "`n" }
        }
    }

    It 'fails on a using out of order, and not on a long line when the length check is off' {
        $result = Invoke-ProbeBuild @('-p:MaxLineLength=0')
        $result.Failed | Should -BeTrue
        $result.Output | Should -Match 'Probe\.cs\(2,\d+[,\d]*\): error SRC0001'
        $result.Output | Should -Not -Match 'SRC0120'
    }

    It 'fails on a line over 120 characters by default, with the file and line' {
        $result = Invoke-ProbeBuild @('-p:CheckUsingOrder=false')
        $result.Failed | Should -BeTrue
        $result.Output | Should -Match 'Probe\.cs\(8,121[,\d]*\): error SRC0120: The line is 136 characters long'
        $result.Output | Should -Not -Match 'SRC0001'
    }
}
