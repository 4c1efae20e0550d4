BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'PeerMatrix.ps1')
}

# Every algorithm and group value of the newest neutron-vpnaas, exported in every format and loaded by the real
# parsers: strongSwan's charon (swanctl --load-all) and starter (ipsec.conf), Libreswan's addconn --checkconfig and
# algparse. The cloud is the embedded one with profile Latest whatever the backend: the lab's Neutron (21) refuses
# most of these values. The parsers need root (network namespaces): without it the tests skip, and say so.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'PeerMatrix.ps1')
    $script:parserSkip = Get-PeerParserSkipReason
    if ($script:parserSkip) { Write-Host "The peer parser tests are skipped: $($script:parserSkip)." }
}

Describe 'Every value Neutron accepts, in every format, read by the real parsers' -Tag PeerParsers -Skip:($null -ne $parserSkip) {
    BeforeAll {
        $session = Connect-OpenStack -Embedded -EmbeddedProfile Latest -ActivationDelaySec 0
        $root = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName 'parsers')
        $cases = @(New-PeerMatrix -Session $session)
        $exports = Export-PeerMatrix -Cases $cases -Root $root -Session $session
        $cloud = Write-CloudTwin -Cases $cases -Path (Join-Path $root 'cloud-twin.conf')
        $swanctlFiles = @($exports | Where-Object { $_.Format -eq 'Swanctl' -and $_.Path } | ForEach-Object { Join-Path $_.Path 'swanctl.conf' })
        $swanctl = @(Invoke-PeerParser swanctl (Join-Path $root 'work-swanctl') (@($cloud) + $swanctlFiles))
        $parsed = @{}
        foreach ($line in $swanctl) { $parsed["$($line.Name)|$($line.What)"] = $line.Value }
        Write-Host "    matrix: $($cases.Count) cases x 3 formats; refused: $(@($exports | Where-Object Refusal).Count)"
    }

    AfterAll {
        Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'refuses no value for swanctl.conf or ipsec.conf (strongSwan has a keyword for each)' {
        @($exports | Where-Object { $_.Format -ne 'Libreswan' -and $_.Refusal } | ForEach-Object { "$($_.Case): $($_.Refusal)" }) |
            Should -BeNullOrEmpty
    }

    It 'has charon load every exported swanctl.conf' {
        $loaded = @($swanctl | Where-Object What -eq loaded | ForEach-Object Name)
        @($swanctl | Where-Object What -eq refused | ForEach-Object { "$($_.Name): $($_.Value)" }) | Should -BeNullOrEmpty
        $missing = @($cases | Where-Object { $loaded -notcontains "neutron-$($_.Id)" } | ForEach-Object Name)
        $missing | Should -BeNullOrEmpty
        Write-Host "    charon loaded $(@($loaded | Where-Object { $_ -like 'neutron-*' }).Count) of $($swanctlFiles.Count) swanctl.conf files"
    }

    It 'has charon parse each swanctl.conf''s proposals and peer id into what it parses from the cloud''s own words' {
        $wrong = foreach ($case in $cases) {
            foreach ($what in 'ike', 'child', 'local-id') {
                $peer = $parsed["neutron-$($case.Id)|$what"]
                $twin = $parsed["cloud-$($case.Id)|$what"]
                if (-not $twin -or $peer -ne $twin) { "$($case.Name) $what`: peer $peer, cloud $twin" }
            }
        }
        @($wrong) | Should -BeNullOrEmpty
    }

    It 'has strongSwan''s starter load every conn of the ipsec.conf exports, with the swanctl.conf''s proposals' {
        $dir = Join-Path $root 'ipsec-all'
        Join-IpsecConfExport -Exports $exports -To $dir
        $starter = @(Invoke-PeerParser starter (Join-Path $root 'work-starter') @($dir))
        @($starter | Where-Object What -eq error | ForEach-Object Value) | Should -BeNullOrEmpty
        $loaded = @($starter | Where-Object What -eq loaded | ForEach-Object Name)
        @($cases | Where-Object { $loaded -notcontains "neutron-$($_.Id)" } | ForEach-Object Name) | Should -BeNullOrEmpty
        Write-Host "    starter loaded $($loaded.Count) of $($cases.Count) conns"
        $differ = foreach ($e in $exports | Where-Object { $_.Format -eq 'IpsecConf' -and $_.Path }) {
            $conf = Get-Content (Join-Path $e.Path 'ipsec.conf') -Raw
            $swan = Get-Content (Join-Path ($e.Path -replace 'IpsecConf', 'Swanctl') 'swanctl.conf') -Raw
            $ikeConf = [regex]::Match($conf, '(?m)^\s*ike=(\S+)!$').Groups[1].Value
            $childConf = [regex]::Match($conf, '(?m)^\s*(?:esp|ah)=(\S+)!$').Groups[1].Value
            $ikeSwan = [regex]::Match($swan, '(?m)^\s*proposals = (\S+)$').Groups[1].Value
            $childSwan = [regex]::Match($swan, '(?m)^\s*(?:esp|ah)_proposals = (\S+)$').Groups[1].Value
            if ($ikeConf -ne $ikeSwan -or $childConf -ne $childSwan) { "$($e.Case): $ikeConf/$childConf vs $ikeSwan/$childSwan" }
        }
        @($differ) | Should -BeNullOrEmpty
    }

    It 'has Libreswan''s addconn accept every Libreswan export, and algparse parse each proposal into the cloud''s' {
        $files = @($exports | Where-Object { $_.Format -eq 'Libreswan' -and $_.Path } |
            ForEach-Object { Get-ChildItem $_.Path -Filter '*.conf' | ForEach-Object FullName })
        $libreswan = @(Invoke-PeerParser libreswan (Join-Path $root 'work-libreswan') $files)
        @($libreswan | Where-Object What -eq refused | ForEach-Object { "$($_.Name): $($_.Value)" }) | Should -BeNullOrEmpty
        @($libreswan | Where-Object What -eq loaded).Count | Should -Be $files.Count
        $wrong = foreach ($line in $libreswan | Where-Object { $_.What -in 'ike', 'child' }) {
            $twin = $parsed["$($line.Name -replace '^neutron-', 'cloud-')|$($line.What)"]
            $expected = ConvertTo-AlgparseForm $twin
            if ($line.Value -ne $expected) { "$($line.Name) $($line.What): algparse $($line.Value), cloud $expected" }
        }
        @($wrong) | Should -BeNullOrEmpty
        Write-Host "    addconn accepted $(@($libreswan | Where-Object What -eq loaded).Count) of $($files.Count) Libreswan files; algparse parsed $(@($libreswan | Where-Object { $_.What -in 'ike', 'child' }).Count) proposals"
    }

    It 'refuses for Libreswan exactly what algparse refuses, naming the value and the reason' {
        $refused = @($exports | Where-Object { $_.Format -eq 'Libreswan' -and $_.Refusal -and $_.CaseObject.Policy -ne 'id' })
        $refused.Count | Should -BeGreaterThan 0
        # Of the ids, only strongSwan's USER_FQDN without a user part ('@' + '@peer...') has no Libreswan form.
        $ids = @($exports | Where-Object { $_.Format -eq 'Libreswan' -and $_.Refusal -and $_.CaseObject.Policy -eq 'id' })
        @($ids | ForEach-Object Value) | Should -Be @('@peer.example.test')
        $ids[0].Refusal | Should -Match "USER_FQDN 'peer\.example\.test'"
        foreach ($r in $refused) { $r.Refusal | Should -Match "^-Format: .*'$([regex]::Escape($r.Value))' cannot be written for Libreswan: " }
        # Each refused case, written anyway in Libreswan's words, is refused by algparse too (the refusal is not too wide).
        $accepted = foreach ($r in $refused) {
            $proposal = ConvertTo-LibreswanProbe $r.CaseObject
            $out = & $script:PeerParsers algparse-probe $proposal.Version $proposal.Line 2>&1
            if ("$out" -notmatch 'ERROR') { "$($r.Case): algparse took $($proposal.Line) ($out)" }
        }
        @($accepted) | Should -BeNullOrEmpty
        Write-Host "    Libreswan: $($refused.Count) cases refused with the reason"
    }
}

Describe 'One gateway, several connections, and a peer behind NAT, read by the real parsers' -Tag PeerParsers -Skip:($null -ne $parserSkip) {
    BeforeAll {
        $session = Connect-OpenStack -Embedded -EmbeddedProfile Latest -ActivationDelaySec 0
        $root = Join-Path ([System.IO.Path]::GetTempPath()) (New-TestName 'gateway')
        $service = (Get-VpnService -Session $session | Where-Object { $_.ExternalV4Ip } | Select-Object -First 1).Id
        $ike = New-IkePolicy -Name gw -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14 -Session $session
        $ipsec = New-IpsecPolicy -Name gw -EncryptionAlgorithm aes-128 -AuthAlgorithm sha256 -Pfs group14 -Session $session
        $psk = ConvertTo-SecureString 'gateway-psk' -AsPlainText -Force
        $both = foreach ($cidr in '10.41.0.0/24', '10.42.0.0/24') {
            New-IpsecSiteConnection -Name "gw-$cidr" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 198.51.100.40 `
                -PeerCidr $cidr -Psk $psk -Session $session
        }
        $other = New-IpsecSiteConnection -Name gw-other -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 198.51.100.41 `
            -PeerCidr 10.43.0.0/24 -Psk $psk -Session $session
    }

    AfterAll {
        Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'writes both connections of one peer into one file per kind, which each parser loads whole' {
        $swan = @($both | Export-IpsecPeerConfig -Path "$root/swanctl" -IncludeSecret -Session $session)
        $swan.FileName | Should -Be 'swanctl.conf'
        # Equal IKE settings: one swanctl connection with a child each (the cloud negotiates them in one IKE SA).
        $parsed = @(Invoke-PeerParser swanctl "$root/work-1" @($swan[0].Path))
        @($parsed | Where-Object What -eq loaded).Count | Should -Be 1
        @($parsed | Where-Object What -eq child).Count | Should -Be 2
        $null = $both | Export-IpsecPeerConfig -Format IpsecConf -Path "$root/conf" -IncludeSecret -Session $session
        @(Invoke-PeerParser starter "$root/work-2" @("$root/conf") | Where-Object What -eq loaded).Count | Should -Be 2
        $lsw = @($both | Export-IpsecPeerConfig -Format Libreswan -Path "$root/lsw" -IncludeSecret -Session $session)
        $lsw.FileName | Should -Be @('neutron-peer-198.51.100.40.conf', 'neutron-peer-198.51.100.40.secrets')
        $checked = @(Invoke-PeerParser libreswan "$root/work-3" @($lsw[0].Path))
        @($checked | Where-Object What -eq refused) | Should -BeNullOrEmpty
        @($checked | Where-Object What -in 'ike', 'child' | Where-Object Value -match 'ERROR') | Should -BeNullOrEmpty
    }

    It 'refuses connections of different peers in one folder, naming -Path, and writes nothing' {
        $record = Get-ErrorRecord { @($both[0], $other) | Export-IpsecPeerConfig -Path "$root/mixed" -Session $session }
        $record.Exception.Message | Should -Match '^-Path: .*different peers'
        Test-Path "$root/mixed/swanctl.conf" | Should -BeFalse
    }

    It 'writes a NAT''d peer''s own address or wildcard, and each parser loads it' {
        $nat = @($both[0] | Export-IpsecPeerConfig -Path "$root/nat-swanctl" -PeerLocalAddress '%any' -Session $session)
        $nat[0].Content | Should -Match '(?m)^\s*local_addrs = %any$'
        @(Invoke-PeerParser swanctl "$root/work-4" @($nat[0].Path) | Where-Object What -eq loaded).Count | Should -Be 1
        $null = $both[0] | Export-IpsecPeerConfig -Format IpsecConf -Path "$root/nat-conf" -PeerLocalAddress '%defaultroute' -Session $session
        @(Invoke-PeerParser starter "$root/work-5" @("$root/nat-conf") | Where-Object What -eq loaded).Count | Should -Be 1
        $lsw = @($both[0] | Export-IpsecPeerConfig -Format Libreswan -Path "$root/nat-lsw" -PeerLocalAddress 10.20.0.5 -Session $session)
        $lsw[0].Content | Should -Match '(?m)^\s*left=10\.20\.0\.5$'
        $lsw[0].Content | Should -Match '(?m)^\s*leftid=198\.51\.100\.40$'
        @(Invoke-PeerParser libreswan "$root/work-6" @($lsw[0].Path) | Where-Object What -eq refused) | Should -BeNullOrEmpty
    }
}
