BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Get-ListLabel {
        # The labels of Format-List's real output, in order.
        param([Parameter(ValueFromPipeline)] $InputObject)
        begin { $all = @() }
        process { $all += $InputObject }
        end {
            @(($all | Format-List | Out-String -Width 200) -split "`r?`n" |
                    Where-Object { $_ -match '^(\w+)\s*:' } | ForEach-Object { $Matches[1] })
        }
    }
}

Describe 'What a person reads: list and table views, CSV and JSON' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Lab lab-admin
        $prefix = New-TestName 'views'
        $psk = ConvertTo-SecureString 'views-secret-of-21-ch' -AsPlainText -Force
        $vpn = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id
        $local = New-VpnEndpointGroup -Name "$prefix-local" -Type subnet -Endpoint $seed.private_subnet_id
        $peers = New-VpnEndpointGroup -Name "$prefix-peers" -Type cidr -Endpoint 10.71.0.0/24, 10.72.0.0/24
        $grouped = New-IpsecSiteConnection -Name "$prefix-grouped" -VpnService $vpn -IkePolicy $seed.ikepolicy_id `
            -IpsecPolicy $seed.ipsecpolicy_id -PeerAddress 203.0.113.71 -LocalEndpointGroup $local `
            -PeerEndpointGroup $peers -Psk $psk
        $legacy = Get-IpsecSiteConnection -Id $seed.connection_id
        [OpenStackVpn.Core.Resources.NameLookup]::Clear()
    }

    AfterAll {
        Get-IpsecSiteConnection -Name "$prefix*" | Remove-IpsecSiteConnection -Force -ErrorAction SilentlyContinue
        Get-VpnEndpointGroup -Name "$prefix*" | Remove-VpnEndpointGroup -Force -ErrorAction SilentlyContinue
        Get-VpnService -Name "$prefix*" | Remove-VpnService -Force -ErrorAction SilentlyContinue
    }

    It 'lists a connection with its name and status first, and the ids and owner fields after' {
        $labels = $legacy | Get-ListLabel
        $labels[0..1] | Should -Be @('Name', 'Status')
        $labels[-4..-1] | Should -Be @('Id', 'ProjectId', 'TenantId', 'AdditionalProperties')
        $labels.IndexOf('PeerAddress') | Should -BeLessThan $labels.IndexOf('VpnServiceId')
    }

    It 'lists every model with its name first and its unknown fields last (<Command>)' -ForEach @(
        @{ Command = 'Get-VpnService' }, @{ Command = 'Get-IkePolicy' }, @{ Command = 'Get-IpsecPolicy' }
        @{ Command = 'Get-VpnEndpointGroup' }, @{ Command = 'Get-OpenStackRouter' }
        @{ Command = 'Get-OpenStackSubnet' }, @{ Command = 'Get-OpenStackNetwork' }
    ) {
        $labels = & $Command | Select-Object -First 1 | Get-ListLabel
        $labels[0] | Should -Be 'Name'
        $labels[-1] | Should -Be 'AdditionalProperties'
        $labels | Should -Contain 'Id'
    }

    It 'shows a pre-shared key asked for as stars in the list, never its text or its length' {
        $withKey = Get-IpsecSiteConnection -Id $grouped.Id -IncludeSecret
        $text = $withKey | Format-List | Out-String -Width 200
        $text | Should -Match 'Psk\s+: \*{8}\r?\n'
        $text | Should -Not -Match 'views-secret'
        $text | Should -Not -Match '\b21\b'
        ($legacy | Format-List | Out-String -Width 200) | Should -Match 'Psk\s+: \r?\n'
    }

    It 'writes an asked-for pre-shared key as nothing in JSON and CSV, and still hands it over as a SecureString' {
        $withKey = Get-IpsecSiteConnection -Id $grouped.Id -IncludeSecret
        $json = $withKey | ConvertTo-Json -Depth 5
        $json | Should -Match '"Psk": \{\}'
        $json | Should -Not -Match 'Length'
        $json | Should -Not -Match 'views-secret'
        ($withKey | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).Psk | Should -Be '********'
        $withKey.Psk | ConvertTo-PlainText | Should -Be 'views-secret-of-21-ch'
        [pscredential]::new('psk', $withKey.Psk).GetNetworkCredential().Password | Should -Be 'views-secret-of-21-ch'
    }

    It 'writes the session''s way of signing in as a word in JSON' {
        ($session | ConvertTo-Json | ConvertFrom-Json).AuthMethod | Should -Be 'Password'
    }

    It 'writes the session''s durations as seconds in JSON, not a TimeSpan''s fields, and still takes a TimeSpan' {
        $before = $session.Timeout
        try {
            $session.Timeout = [timespan]'00:02:00'
            $session.Retry.BaseDelay = [timespan]::FromMilliseconds(250)
            $json = $session | ConvertTo-Json
            $json | Should -Not -Match 'Ticks|Days|Hours|Minutes'
            $read = $json | ConvertFrom-Json
            $read.Timeout.TotalSeconds | Should -Be 120
            $read.Retry.BaseDelay.TotalSeconds | Should -Be 0.25
            $read.Retry.MaxDelay.TotalSeconds | Should -Be 30
            @($read.PSObject.Properties.Name | Where-Object { $_ -like '*Token*' }) | Should -BeNullOrEmpty
            # The getter reads the limit back from the transport that sends the requests.
            [timespan]$session.Timeout | Should -Be ([timespan]'00:02:00')
            ($session | Format-List | Out-String -Width 200) | Should -Match 'Timeout\s+: 120 s\r?\n'
            "$($session.Retry)" | Should -Be '3 retries, pauses from 0.25 s doubling up to 30 s'
            (Get-VpnService -Session $session | Select-Object -First 1) | Should -Not -BeNullOrEmpty
        } finally {
            $session.Timeout = $before
            $session.Retry.BaseDelay = [timespan]::FromMilliseconds(500)
        }
    }

    It 'shows the peer networks of both modes in the table: the CIDRs, or the peer endpoint group by name' {
        $table = @($legacy, $grouped) | Format-Table | Out-String -Width 250
        $table | Should -Match 'PeerNetworks'
        $table | Should -Match ([regex]::Escape("group $prefix-peers"))
        $table | Should -Match ([regex]::Escape(($legacy.PeerCidrs -join ', ')))
    }

    It 'exports to CSV with lists joined and no type names, without extra work' {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "$prefix.csv"
        try {
            $legacy | Export-Csv -Path $file -NoTypeInformation
            Get-VpnEndpointGroup -Id $peers.Id | Export-Csv -Path $file -NoTypeInformation -Append -Force
            Get-OpenStackRouter -Id $seed.router_id | Export-Csv -Path $file -NoTypeInformation -Append -Force
            $text = Get-Content $file -Raw
            $text | Should -Not -Match 'System\.(String\[\]|Collections|Object)'
            $text | Should -Not -Match 'OpenStackVpn\.'
            $rows = Import-Csv $file
            $rows[0].PeerCidrs | Should -Be ($legacy.PeerCidrs -join ', ')
            $rows[0].AdditionalProperties | Should -Be ''
            (Import-Csv $file | Select-Object -Skip 1 -First 1) | Should -Not -BeNullOrEmpty
            (Get-VpnEndpointGroup -Id $peers.Id | ConvertTo-Csv -NoTypeInformation | ConvertFrom-Csv).Endpoints |
                Should -Be '10.71.0.0/24, 10.72.0.0/24'
        }
        finally { Remove-Item $file -ErrorAction SilentlyContinue }
    }

    It 'keeps lists as lists in PowerShell and in JSON' {
        $legacy.PeerCidrs.Count | Should -Be 1
        $legacy.PeerCidrs[0] | Should -Be $legacy.PeerCidrs.ToArray()[0]
        ($peers | ConvertTo-Json | ConvertFrom-Json).Endpoints | Should -Be @('10.71.0.0/24', '10.72.0.0/24')
    }
}
