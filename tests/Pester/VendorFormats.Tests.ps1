BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Export-IpsecPeerConfig vendor formats, checked where a real parser runs here' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'vendor'
        $pskText = "vendorKey$([guid]::NewGuid().ToString('n').Substring(0, 10))"
        $psk = ConvertTo-SecureString $pskText -AsPlainText -Force
        $ike = New-IkePolicy -Name "$prefix-ike" -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 `
            -Pfs group14 -Lifetime 28800
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec" -AuthAlgorithm sha256 -Pfs group14
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $connection = New-IpsecSiteConnection -Name "$prefix-c1" -VpnService $service -IkePolicy $ike `
            -IpsecPolicy $ipsec `
            -PeerAddress 172.24.4.251 -PeerId 172.24.4.251 -PeerCidr 10.78.0.0/24 -Psk $psk -Initiator response-only
        $documented = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'Data/RemoteAccessParameters.psd1')
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) $prefix
    }

    AfterAll {
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
        Get-IkePolicy -Name "$prefix*" | Remove-IkePolicy -Force -ErrorAction SilentlyContinue
        Get-IpsecPolicy -Name "$prefix*" | Remove-IpsecPolicy -Force -ErrorAction SilentlyContinue
        Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes a WindowsRras script that parses, with only the documented RemoteAccess parameters and values' {
        $script = (Export-IpsecPeerConfig -Name "$prefix-c1" -Format WindowsRras -IncludeSecret).Content
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($script, [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        $commands = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
        $remoteAccess = @($commands | Where-Object { $_.GetCommandName() -like '*-VpnS2S*' })
        $remoteAccess.Count | Should -Be 2 `
            -Because 'Add-VpnS2SInterface, and Connect-VpnS2SInterface for a response-only connection'
        foreach ($command in $remoteAccess) {
            $name = $command.GetCommandName()
            $documented.Keys | Should -Contain $name
            $elements = $command.CommandElements
            for ($i = 1; $i -lt $elements.Count; $i++) {
                if ($elements[$i] -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
                $parameter = $elements[$i].ParameterName
                $documented[$name].Keys | Should -Contain $parameter `
                    -Because "$name -$parameter must be a documented parameter"
                $accepted = $documented[$name][$parameter]
                if ($accepted.Count -gt 0) {
                    $value = $elements[$i + 1].Extent.Text.Trim("'")
                    $accepted | Should -Contain $value -Because "$name -$parameter accepts $($accepted -join ', ')"
                }
            }
        }
    }

    It 'reads a vendor file back in Test-IpsecSiteConnection, found by its content among other configuration' {
        $null = Export-IpsecPeerConfig -Name "$prefix-c1" -Format VyOS -IncludeSecret -Path $folder
        $file = Get-ChildItem $folder -Filter '*.vyos.set' | Select-Object -First 1
        $running = "set system host-name 'branch'`n" + (Get-Content $file.FullName -Raw)
        Set-Content -Path $file.FullName -Value $running
        $findings = Test-IpsecSiteConnection -Name "$prefix-c1" -PeerConfig $file.FullName |
            Where-Object Check -like 'PeerConfig.*'
        $findings.Count | Should -BeGreaterThan 10
        $notOk = @($findings | Where-Object Severity -ne 'Ok' | ForEach-Object { "$($_.Check): $($_.Found)" })
        $notOk | Should -BeNullOrEmpty
        Set-Content -Path $file.FullName -Value ($running -replace [regex]::Escape($pskText), 'anotherKey1')
        $psk = Test-IpsecSiteConnection -Name "$prefix-c1" -PeerConfig $file.FullName |
            Where-Object Check -eq 'PeerConfig.Psk'
        $psk.Severity | Should -Be 'Error'
    }

    It 'refuses a value the platform lacks, naming the format and the reason, before writing anything' {
        $sha512 = New-IpsecPolicy -Name "$prefix-ipsec512" -AuthAlgorithm sha512 -Pfs group14
        $c2 = New-IpsecSiteConnection -Name "$prefix-c2" -VpnService $service -IkePolicy $ike -IpsecPolicy $sha512 `
            -PeerAddress 172.24.4.252 -PeerId 172.24.4.252 -PeerCidr 10.79.0.0/24 -Psk $psk
        $err = $null
        $out = Export-IpsecPeerConfig -Name "$prefix-c2" -Format WindowsRras -ErrorVariable err `
            -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        "$err" | Should -Match "RRAS has no IPsec auth algorithm 'sha512'"
        $c2 | Remove-IpsecSiteConnection -Force
    }
}
