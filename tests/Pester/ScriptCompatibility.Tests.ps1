# The check that keeps the project's scripts runnable in Windows PowerShell 5.1 (tools/Test-ScriptCompatibility.ps1):
# each rule is shown to fire on a script that breaks it, and to stay quiet on one that does not.
BeforeAll {
    $tool = Join-Path $PSScriptRoot '../../tools/Test-ScriptCompatibility.ps1'
    # Built by concatenation so that this file itself carries no marker.
    $mark = '# PowerShell 7 ' + 'only:'
    function Invoke-Check([string] $Text, [string] $Name = 'case.ps1') {
        $file = Join-Path $TestDrive $Name
        Set-Content -Path $file -Value $Text
        $output = & $tool -Path $file 6>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ Failed = $LASTEXITCODE -ne 0; Output = $output -join "`n" }
    }
}

Describe 'Test-ScriptCompatibility finds what Windows PowerShell 5.1 cannot run' {
    It 'finds <Rule> in: <Text>' -ForEach @(
        @{ Rule = 'Ternary'; Text = '$x = $true ? 1 : 2' }
        @{ Rule = 'NullCoalescing'; Text = '$x = $null ?? 1' }
        @{ Rule = 'NullCoalescing'; Text = '$x ??= 1' }
        @{ Rule = 'NullConditional'; Text = '${x}?.Length' }
        @{ Rule = 'PipelineChain'; Text = 'Get-Item . && Get-Item .' }
        @{ Rule = 'PipelineChain'; Text = 'Get-Item . || Get-Item .' }
        @{ Rule = 'UnicodeEscape'; Text = '$x = "`u{2713}"' }
        @{ Rule = 'NewParameter'; Text = '1..2 | ForEach-Object -Parallel { $_ }' }
        @{ Rule = 'NewParameter'; Text = '1..2 | % -Parallel { $_ }' }
        @{ Rule = 'NewParameter'; Text = '$s | ConvertFrom-SecureString -AsPlainText' }
        @{ Rule = 'NewParameter'; Text = 'Invoke-WebRequest -UseBasicParsing -Uri http://127.0.0.1/ -SkipHttpErrorCheck' }
        @{ Rule = 'NewParameter'; Text = 'Invoke-RestMethod -Uri http://127.0.0.1/ -SkipCertificateCheck' }
        @{ Rule = 'NewParameter'; Text = '"{}" | ConvertFrom-Json -AsHashtable' }
        @{ Rule = 'UseBasicParsing'; Text = 'Invoke-WebRequest -Uri http://127.0.0.1/' }
        @{ Rule = 'CurlAlias'; Text = 'curl -s http://127.0.0.1/' }
        @{ Rule = 'JoinPathChildren'; Text = 'Join-Path a b c' }
        @{ Rule = 'DotNetOnlyAssembly'; Text = 'Add-Type -AssemblyName System.Security.Cryptography' }
        @{ Rule = 'CoreVariable'; Text = 'if ($IsWindows) { 1 }' }
        @{ Rule = 'NewCommand'; Text = 'Get-Error' }
        @{ Rule = 'NewEncoding'; Text = 'Set-Content x.txt -Value 1 -Encoding utf8NoBOM' }
        @{ Rule = 'ParseError'; Text = 'function {' }
    ) {
        $result = Invoke-Check $Text
        $result.Failed | Should -BeTrue
        $result.Output | Should -Match "case\.ps1:1: ${Rule}:"
    }

    It 'passes a script written for both editions' {
        $result = Invoke-Check (@(
                '$x = if ($null -eq $y) { 1 } else { $y }'
                'Invoke-WebRequest -UseBasicParsing -Uri http://127.0.0.1/ -Method Get'
                '$plain = [Runtime.InteropServices.Marshal]::PtrToStringBSTR([Runtime.InteropServices.Marshal]::SecureStringToBSTR($s))'
                'Join-Path (Join-Path a b) c'
                'curl.exe -s http://127.0.0.1/'
                'Split-Path -Leaf $PSCommandPath'
            ) -join "`n")
        $result.Output | Should -Match '1 files pass, 0 fail'
        $result.Failed | Should -BeFalse
    }

    It 'skips a file marked PowerShell 7 only with a reason' {
        $result = Invoke-Check "$mark the runspaces test needs -Parallel`n`$x = `$a ? 1 : 2"
        $result.Failed | Should -BeFalse
        $result.Output | Should -Match '0 fail, 1 marked PowerShell 7 only'
    }

    It 'does not take a marker without a reason' {
        (Invoke-Check "$mark`n`$x = `$a ? 1 : 2").Failed | Should -BeTrue
    }

    It 'wants the reason next to #requires -PSEdition Core' {
        $result = Invoke-Check "#requires -PSEdition Core`n1"
        $result.Failed | Should -BeTrue
        $result.Output | Should -Match 'UnexplainedRequires'
    }

    It 'allows a marked line for a command, never for syntax 5.1 cannot parse' {
        (Invoke-Check "$mark skipped on Desktop`n1..2 | ForEach-Object -Parallel { `$_ }").Failed | Should -BeFalse
        (Invoke-Check "1..2 | ForEach-Object -Parallel { `$_ } $mark skipped on Desktop").Failed | Should -BeFalse
        (Invoke-Check "`$x = 1`n`$y = `$x ? 1 : 2 $mark no").Failed | Should -BeTrue
    }

    It 'takes a marker after the first line of code for that line only, not for the file' {
        (Invoke-Check "1`n$mark the next line only`n1..2 | ForEach-Object -Parallel { `$_ }`n`$x = `$a ? 1 : 2").Failed | Should -BeTrue
    }

    It 'lists the files marked PowerShell 7 only, for the Pester runner to leave out in Windows PowerShell' {
        $listed = @(& $tool -Path (Join-Path $PSScriptRoot '..') -ListSevenOnly | Split-Path -Leaf)
        $listed | Should -Contain 'EmbeddedServer.Tests.ps1'
        $listed | Should -Not -Contain 'Reliability.Tests.ps1'   # one test in it is marked, and skips itself
        $listed | Should -Not -Contain 'ScriptCompatibility.Tests.ps1'
    }

    It 'checks the powershell blocks of Markdown files, with their line in the file' {
        $result = Invoke-Check ("# Title`n`ntext`n`n" + '```powershell' + "`n`$ok = 1`n`$x = `$a ?? 1`n" + '```' + "`n`n" + '```sh' + "`na && b`n" + '```') 'case.md'
        $result.Failed | Should -BeTrue
        $result.Output | Should -Match 'case\.md:7: NullCoalescing:'
        $result.Output | Should -Not -Match 'PipelineChain'
    }
}
